package dev.crescendo.loadgen.cli;

import dev.crescendo.loadgen.config.ConfigException;
import dev.crescendo.loadgen.config.ConfigLoader;
import dev.crescendo.loadgen.config.Durations;
import dev.crescendo.loadgen.config.StageConfig;
import dev.crescendo.loadgen.engine.StagePlan;
import dev.crescendo.loadgen.engine.StageRun;
import dev.crescendo.loadgen.report.Summary;
import dev.crescendo.loadgen.report.SummaryJson;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code crescendo loadgen}: runs one stage from a config file (how the operator's Jobs call it),
 * or an ad-hoc test from options, like hey or wrk.
 */
@Command(name = "loadgen", mixinStandardHelpOptions = true,
        description = {"Run the built-in load generator for one stage.",
            "Stage mode:  crescendo loadgen --config stage.yaml",
            "Ad-hoc mode: crescendo loadgen --url http://127.0.0.1:8080/ --vus 50 --duration 30s"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the stage ran to its end",
            "1:internal error",
            "2:bad options or config (the message names the option or field)",
            "3:the stage aborted itself: a threshold breached, or the target was unreachable"})
public final class LoadgenCommand implements Callable<Integer> {
    public static final int EXIT_OK = 0;
    public static final int EXIT_INVALID = 2;
    public static final int EXIT_ABORTED = 3;

    @Spec
    CommandSpec spec;

    /** Entry point of the loadgen library on its own (the operator's jar uses {@code crescendo loadgen}). */
    public static void main(String[] args) {
        System.exit(CliErrors.configure(new CommandLine(new LoadgenCommand())).execute(args));
    }

    @Option(names = "--config", paramLabel = "FILE", description = "Stage config (JSON or YAML).")
    Path config;

    @Option(names = "--config-json", paramLabel = "JSON", description = "Stage config as a JSON string (how stage Jobs pass it).")
    String configJson;

    @Option(names = "--url", description = "Ad-hoc: the URL to request.")
    String url;

    @Option(names = {"-X", "--method"}, defaultValue = "GET", description = "Ad-hoc: HTTP method (default: ${DEFAULT-VALUE}).")
    String method;

    @Option(names = {"-H", "--header"}, paramLabel = "NAME:VALUE", description = "Ad-hoc: request header, repeatable.")
    List<String> headers = new ArrayList<>();

    @Option(names = {"-d", "--body"}, description = "Ad-hoc: request body.")
    String body;

    @Option(names = "--vus", description = "Ad-hoc: closed model, N concurrent virtual users (one connection each).")
    Integer vus;

    @Option(names = "--rate", description = "Ad-hoc: open model, R requests per second on a fixed schedule.")
    Double rate;

    @Option(names = "--duration", converter = DurationConverter.class, description = "Ad-hoc: how long, e.g. 30s, 2m.")
    Duration duration;

    @Option(names = "--ramp-up", converter = DurationConverter.class, description = "Ad-hoc: start the VUs evenly over this time.")
    Duration rampUp;

    @Option(names = "--think-time", converter = DurationConverter.class, description = "Ad-hoc: pause between a VU's requests.")
    Duration thinkTime;

    @Option(names = "--timeout", converter = DurationConverter.class, description = "Ad-hoc: per-request timeout (default 10s).")
    Duration timeout;

    @Option(names = "--expect-status", split = ",", paramLabel = "CODE", description = "Ad-hoc: statuses counted as ok (default: any 2xx/3xx).")
    List<Integer> expectStatus;

    @Option(names = "--max-in-flight", description = "Ad-hoc open model: most requests in flight; more are counted as dropped.")
    Integer maxInFlight;

    @Option(names = "--summary-out", paramLabel = "FILE", description = "Also write the final summary JSON here.")
    Path summaryOut;

    @Option(names = "--termination-log", paramLabel = "FILE", description = "Write the summary here (overrides summaryFile in the config; in a pod: /dev/termination-log).")
    Path terminationLog;

    @Option(names = "--metrics-port", description = "Serve /metrics and /snapshot on this port (0: any free port).")
    Integer metricsPort;

    @Option(names = "--threads", defaultValue = "0", description = "Event-loop threads (default: one per core).")
    int threads;

    @Option(names = "--json", description = "Print the final summary as JSON instead of a table.")
    boolean json;

    @Option(names = {"-q", "--quiet"}, description = "No progress lines.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        StageConfig stage;
        java.util.Set<String> secrets;
        try {
            StageConfig given = config != null ? ConfigLoader.load(config)
                    : configJson != null ? ConfigLoader.parse(configJson, true) : AdHocStage.build(this);
            stage = withOverrides(given);
            // Re-check after overrides (ports, files) with the same rules as the file.
            ConfigLoader.parse(ConfigLoader.toJson(stage), true);
            var resolved = dev.crescendo.loadgen.config.SecretVariables.resolve(stage, System::getenv);
            stage = resolved.config();
            secrets = resolved.secrets();
        } catch (ConfigException e) {
            e.problems().forEach(p -> err.println("crescendo loadgen: " + p));
            return EXIT_INVALID;
        }
        StagePlan plan = StagePlan.of(stage, summaryOut == null ? List.of() : List.of(summaryOut)).withSecrets(secrets);
        ProgressPrinter printer = new ProgressPrinter(err, quiet);
        StageRun run = new StageRun(plan, threads, printer::onTick);
        Thread hook = new Thread(() -> {
            run.abort("terminated (SIGTERM)");
            try {
                run.awaitFinished(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "crescendo-sigterm");
        Runtime.getRuntime().addShutdownHook(hook);
        Summary summary = run.run();
        if (json) {
            out.println(SummaryJson.write(summary));
        } else {
            SummaryTable.print(out, summary);
        }
        out.flush();
        return summary.abortReason() == null ? EXIT_OK : EXIT_ABORTED;
    }

    private StageConfig withOverrides(StageConfig c) {
        return new StageConfig(c.campaign(), c.namespace(), c.target(), c.scenario(), c.stage(), c.thresholds(),
                c.thresholdWindow(), c.fastFail(), metricsPort != null ? metricsPort : c.metricsPort(),
                terminationLog != null ? terminationLog.toString() : c.summaryFile());
    }

    /** Parses {@code 30s}, {@code 500ms}, {@code 1m30s}. */
    public static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return Durations.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
