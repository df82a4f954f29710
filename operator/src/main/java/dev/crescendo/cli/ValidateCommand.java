package dev.crescendo.cli;

import dev.crescendo.campaign.ManifestReader;
import dev.crescendo.loadgen.cli.LoadgenCommand;
import dev.crescendo.loadgen.config.ConfigException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code crescendo validate FILE...}: the operator's checks, offline; every bad field named by its path. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check LoadCampaign manifests without a cluster.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every campaign is valid", "2:a file could not be read, or a campaign is invalid"})
public final class ValidateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "LoadCampaign manifests (YAML or JSON).")
    List<Path> files;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        boolean allValid = true;
        for (Path file : files) {
            List<ManifestReader.Manifest> manifests;
            try {
                manifests = ManifestReader.read(file);
            } catch (ConfigException e) {
                out.println(file + ": " + e.getMessage());
                allValid = false;
                continue;
            }
            for (ManifestReader.Manifest m : manifests) {
                if (m.valid()) {
                    out.printf("%s: %s is valid (%d stages)%n", file, m.describe(), m.campaign().getSpec().stages().size());
                } else {
                    allValid = false;
                    out.printf("%s: %s is invalid%n", file, m.describe());
                    m.problems().forEach(p -> out.println("  " + p));
                }
            }
        }
        out.flush();
        return allValid ? LoadgenCommand.EXIT_OK : LoadgenCommand.EXIT_INVALID;
    }
}
