package dev.crescendo.cli;

import dev.crescendo.demo.DemoTargetCommand;
import dev.crescendo.loadgen.cli.CliErrors;
import dev.crescendo.loadgen.cli.LoadgenCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code crescendo}: the one entry point of the image and the jar; each function is a sub-command. */
@Command(name = "crescendo", mixinStandardHelpOptions = true, versionProvider = CrescendoCommand.Version.class,
        description = "Progressive load-test campaigns for Kubernetes.",
        subcommands = {LoadgenCommand.class, ValidateCommand.class, RunCommand.class, DemoCommand.class, ReportCommand.class,
            DemoTargetCommand.class, OperatorCommand.class, CommandLine.HelpCommand.class})
public final class CrescendoCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // Library logs (JOSDK, Fabric8) only when something is wrong, unless asked for more.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                System.getenv().getOrDefault("CRESCENDO_LOG_LEVEL", "warn"));
        // Fabric8 warns on every client call that v1alpha1 is not a stable version; we know.
        System.setProperty("org.slf4j.simpleLogger.log.io.fabric8.kubernetes.client.dsl.internal.VersionUsageUtils", "error");
        System.exit(commandLine().execute(args));
    }

    /** The configured command line (bad options exit 2, as documented for every sub-command). */
    public static CommandLine commandLine() {
        return CliErrors.configure(new CommandLine(new CrescendoCommand()).setCaseInsensitiveEnumValuesAllowed(true));
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = CrescendoCommand.class.getPackage().getImplementationVersion();
            return new String[] {"crescendo " + (v != null ? v : "dev")};
        }
    }
}
