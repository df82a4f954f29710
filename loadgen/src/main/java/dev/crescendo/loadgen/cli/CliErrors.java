package dev.crescendo.loadgen.cli;

import picocli.CommandLine;

/** Bad options exit with 2 and name the option, for every Crescendo command line. */
public final class CliErrors {
    private CliErrors() {}

    public static CommandLine configure(CommandLine cli) {
        cli.setExitCodeExceptionMapper(e -> 1);
        cli.setParameterExceptionHandler((ex, args) -> {
            CommandLine cmd = ex.getCommandLine();
            String path = cmd.getCommandSpec().qualifiedName();
            cmd.getErr().println(path + ": " + ex.getMessage());
            cmd.getErr().println("Try '" + path + " --help'.");
            return LoadgenCommand.EXIT_INVALID;
        });
        return cli;
    }
}
