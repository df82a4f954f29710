package dev.crescendo.cli;

import dev.crescendo.api.LoadCampaign;
import dev.crescendo.loadgen.cli.LoadgenCommand;
import dev.crescendo.loadgen.config.ConfigException;
import dev.crescendo.report.CampaignFile;
import dev.crescendo.report.CampaignReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code crescendo report FILE}: a finished campaign (spec and status) rendered as Markdown. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Render a finished LoadCampaign as a Markdown report: stages, latency, outcomes, thresholds,"
                + " breach, diagnosis, scaling and capacity.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:report written", "1:the report could not be written to --output",
            "2:FILE is missing, unreadable, or not a LoadCampaign with a status"})
public final class ReportCommand implements Callable<Integer> {
    static final int EXIT_WRITE_FAILED = 1;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE",
            description = "The final LoadCampaign: the --output of crescendo run, or kubectl get lc NAME -o yaml (YAML or JSON).")
    Path file;

    @Option(names = "--output", paramLabel = "OUT.md", description = "Write the report to this file instead of standard output.")
    Path output;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        // Errors go to stderr: stdout is the report, and may be redirected into a file.
        PrintWriter err = spec.commandLine().getErr();
        LoadCampaign campaign;
        try {
            campaign = CampaignFile.read(file);
        } catch (ConfigException e) {
            err.println(e.getMessage());
            err.flush();
            return LoadgenCommand.EXIT_INVALID;
        }
        if (output == null) {
            out.print(CampaignReport.markdown(campaign));
            out.flush();
            return LoadgenCommand.EXIT_OK;
        }
        try {
            CampaignReport.write(campaign, output);
        } catch (IOException e) {
            err.println(output + ": cannot write the report: " + e.getMessage());
            err.flush();
            return EXIT_WRITE_FAILED;
        }
        out.println("report written to " + output);
        out.flush();
        return LoadgenCommand.EXIT_OK;
    }
}
