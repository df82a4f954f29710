package dev.crescendo.cli;

import dev.crescendo.api.LoadCampaign;
import dev.crescendo.api.LoadCampaignStatus;
import dev.crescendo.api.LoadCampaignStatus.Phase;
import dev.crescendo.campaign.OperatorPolicy;
import dev.crescendo.loadgen.cli.LoadgenCommand;
import java.util.ArrayList;
import java.util.List;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code crescendo run FILE}: the operator, unchanged, against an embedded Kubernetes API with a
 * local job runner (DESIGN §7): preflight, stages as Jobs, results from termination messages.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a LoadCampaign on this machine, without a cluster.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:PASSED or MARGINAL", "1:FAILED, halted or INCONCLUSIVE, or stopped before a stage that needs approval",
            "2:invalid manifest, or the preflight check failed"})
public final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "A LoadCampaign manifest (YAML or JSON).")
    Path file;

    @Option(names = "--output", paramLabel = "FILE", description = "Write the final LoadCampaign, status included (.json or .yaml).")
    Path output;

    @Option(names = "--allow-target", paramLabel = "HOST", description = "Also allow load on this host (exact, or *.suffix); loopback is always allowed.")
    List<String> allowTargets = new ArrayList<>();

    @Option(names = "--report", paramLabel = "FILE", description = "Write the campaign's report as Markdown (see crescendo report).")
    Path report;

    @Option(names = "--progress", paramLabel = "MODE", description = "BAR (redrawn in place) or PLAIN (a line every 5 s); default: BAR on a terminal.")
    StageProgress.Mode progress;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        LoadCampaign campaign = CampaignFiles.read(file, out);
        if (campaign == null) {
            out.flush();
            return LoadgenCommand.EXIT_INVALID;
        }
        LoadCampaign last = LocalCampaignRunner.run(campaign, new StageProgress(out, progress == null ? StageProgress.detect() : progress),
                OperatorPolicy.local(allowTargets));
        LoadCampaignStatus status = last.getStatus();
        VerdictTable.print(out, last);
        CampaignFiles.writeResults(last, output, report, out);
        out.flush();
        return exitCode(status);
    }

    static int exitCode(LoadCampaignStatus s) {
        if (s.phase() == Phase.Invalid || (s.phase() == Phase.Failed && s.preflight() != null
                && Boolean.FALSE.equals(s.preflight().passed()))) {
            return 2;
        }
        return s.phase() == Phase.Succeeded ? 0 : 1;
    }
}
