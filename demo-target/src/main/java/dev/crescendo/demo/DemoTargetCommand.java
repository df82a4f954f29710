package dev.crescendo.demo;

import java.io.PrintWriter;
import java.net.BindException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code crescendo demo-target}: runs the demo chat backend on 127.0.0.1 until SIGTERM or Ctrl-C. */
@Command(name = "demo-target", mixinStandardHelpOptions = true,
        description = {"Run the demo chat backend (H2 behind a HikariCP pool) on 127.0.0.1 for load tests.",
            "Endpoints: POST|GET /api/v1/conversations/{id}/messages, GET /api/v1/health, GET /metrics.",
            "A small --pool-size with a --query-cost saturates under load, as a production service's pool would."})
public final class DemoTargetCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080", description = "Port on 127.0.0.1 (0: any free port; default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--pool-size", paramLabel = "N", defaultValue = "" + DemoTargetOptions.DEFAULT_POOL_SIZE,
            description = "Database connections in the pool (default: ${DEFAULT-VALUE}).")
    int poolSize;

    @Option(names = "--pool-timeout", paramLabel = "DURATION", defaultValue = "2s", converter = DurationConverter.class,
            description = "How long a request waits for a connection before it gets 503 (at least 250ms; default: ${DEFAULT-VALUE}).")
    Duration poolTimeout;

    @Option(names = "--query-cost", paramLabel = "DURATION", defaultValue = "0ms", converter = DurationConverter.class,
            description = "How much longer each request holds its connection, as if its query were that slow (default: ${DEFAULT-VALUE}).")
    Duration queryCost;

    /** Entry point of the module on its own (the operator's jar runs it as {@code crescendo demo-target}). */
    public static void main(String[] args) {
        System.exit(new CommandLine(new DemoTargetCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        DemoTargetOptions options;
        try {
            options = new DemoTargetOptions(port, poolSize, poolTimeout, queryCost);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        DemoTarget target;
        try {
            target = DemoTarget.start(options);
        } catch (BindException e) {
            spec.commandLine().getErr().println("demo-target: cannot listen on 127.0.0.1:" + port + ": " + e.getMessage());
            return 1;
        }
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            target.close();
            closed.countDown();
        }, "demo-target-shutdown"));
        PrintWriter out = spec.commandLine().getOut();
        out.printf("demo-target listening on %s (pool size %d, pool timeout %dms, query cost %dms)%n",
                target.baseUrl(), options.poolSize(), options.poolTimeout().toMillis(), options.queryCost().toMillis());
        out.println("  POST " + target.baseUrl() + "/api/v1/conversations/{id}/messages  {\"text\": \"...\", \"author\": \"...\"}");
        out.println("  GET  " + target.baseUrl() + "/api/v1/conversations/{id}/messages?limit=20&cursor=<message id>");
        out.println("  GET  " + target.baseUrl() + "/api/v1/health");
        out.println("  GET  " + target.baseUrl() + "/metrics");
        out.println("Ctrl-C or SIGTERM stops it.");
        out.flush();
        closed.await(); // the JVM exits once the shutdown hook has closed the target
        return 0;
    }
}
