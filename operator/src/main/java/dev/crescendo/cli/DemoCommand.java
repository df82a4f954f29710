package dev.crescendo.cli;

import dev.crescendo.api.LoadCampaign;
import dev.crescendo.api.LoadCampaignStatus;
import dev.crescendo.api.LoadCampaignStatus.Phase;
import dev.crescendo.campaign.ManifestReader;
import dev.crescendo.campaign.OperatorPolicy;
import java.util.List;
import dev.crescendo.demo.DemoTarget;
import dev.crescendo.demo.DemoTargetOptions;
import dev.crescendo.demo.DurationConverter;
import dev.crescendo.loadgen.cli.LoadgenCommand;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code crescendo demo}: the whole product on one machine (DESIGN §7). Starts the bundled chat
 * backend on a free loopback port and runs {@code examples/demo.yaml} against it with the same
 * machinery as {@code crescendo run}: the early stages pass, the connection pool saturates in the
 * last one, the operator halts it and says why and how far the target scaled.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start the demo chat backend and run examples/demo.yaml against it (about a minute).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the demo campaign ran to its end (its verdict is in the table; the last stage is meant to halt)",
            "1:the demo did not get to run its stages", "2:bad options"})
public final class DemoCommand implements Callable<Integer> {
    /** The manifest is written for a demo target here; the demo points it at the one it started. */
    static final String WRITTEN_FOR = "http://127.0.0.1:8080";
    private static final String MANIFEST = "/examples/demo.yaml";

    @Spec
    CommandSpec spec;

    @Option(names = "--output", paramLabel = "FILE", description = "Write the final LoadCampaign, status included (.json or .yaml).")
    Path output;

    @Option(names = "--report", paramLabel = "FILE", description = "Write the campaign's report as Markdown (see crescendo report).")
    Path report;

    @Option(names = "--progress", paramLabel = "MODE", description = "BAR (redrawn in place) or PLAIN (a line every 5 s); default: BAR on a terminal.")
    StageProgress.Mode progress;

    @Option(names = "--pool-size", defaultValue = "8", description = "The demo target's connection pool (default: ${DEFAULT-VALUE}).")
    int poolSize;

    @Option(names = "--query-cost", defaultValue = "25ms", converter = DurationConverter.class,
            description = "How long each request holds its connection (default: ${DEFAULT-VALUE}).")
    Duration queryCost;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        String manifest = manifest();
        try (DemoTarget target = DemoTarget.start(DemoTargetOptions.defaults().withPort(0).withPoolSize(poolSize)
                .withQueryCost(queryCost))) {
            out.printf("demo target: a chat backend on %s (H2 behind a HikariCP pool of %d connections, %d ms per query)%n",
                    target.baseUrl(), poolSize, queryCost.toMillis());
            LoadCampaign campaign = CampaignFiles.single("examples/demo.yaml",
                    ManifestReader.parse(manifest.replace(WRITTEN_FOR, target.baseUrl())), out);
            if (campaign == null) {
                out.flush();
                return LoadgenCommand.EXIT_INVALID;
            }
            LoadCampaign last = LocalCampaignRunner.run(campaign,
                    new StageProgress(out, progress == null ? StageProgress.detect() : progress), OperatorPolicy.local(List.of()));
            VerdictTable.print(out, last);
            CampaignFiles.writeResults(last, output, report, out);
            out.flush();
            return ranItsStages(last.getStatus()) ? 0 : 1;
        }
    }

    /** The demo worked when its stages ran, whatever their verdict: the halt is the point. */
    static boolean ranItsStages(LoadCampaignStatus s) {
        return s.phase() != Phase.Invalid && s.stages() != null && !s.stages().isEmpty();
    }

    private static String manifest() throws IOException {
        try (InputStream in = DemoCommand.class.getResourceAsStream(MANIFEST)) {
            if (in == null) {
                throw new IOException(MANIFEST + " is missing from the jar; rebuild it (./dev build)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
