package dev.crescendo.testing;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Prometheus server (the Debian package's binary) for tests: on 127.0.0.1 at a free port,
 * with a throw-away TSDB, scraping the given loopback targets every second. Its output goes to
 * {@code target/prometheus/prometheus-PORT.log}. {@link #stop()} ends the process (Prometheus going
 * away mid-test); {@link #close()} also removes its files.
 *
 * <pre>{@code
 * try (PrometheusServer prometheus = PrometheusServer.start(ScrapeTarget.of("app", endpoint.url("/metrics")))) {
 *     prometheus.awaitTargetUp("app");
 *     ... prometheus.url() ...
 * }
 * }</pre>
 *
 * Without the binary, {@link #requirePrometheus()} (called by {@link #start}) skips the test with a
 * loud message, except under {@code CRESCENDO_CI} (set by CI, which installs it), where it fails.
 */
public final class PrometheusServer implements AutoCloseable {
    public static final String MISSING = "prometheus is not installed: apt-get install prometheus; these tests are SKIPPED";
    private static final Duration READY_WITHIN = Duration.ofSeconds(30);
    private static final Path DEBIAN_BINARY = Path.of("/usr/bin/prometheus");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A loopback target: {@code job_name}, {@code host:port} and the metrics path. */
    public record ScrapeTarget(String job, String hostPort, String metricsPath) {
        public ScrapeTarget {
            String host = hostPort.substring(0, hostPort.lastIndexOf(':'));
            if (!(host.startsWith("127.") || host.equals("localhost") || host.equals("[::1]"))) {
                throw new IllegalArgumentException("test scrape targets must be on loopback, got " + hostPort);
            }
            if (!metricsPath.startsWith("/")) {
                throw new IllegalArgumentException("metrics path must start with /: " + metricsPath);
            }
        }

        public static ScrapeTarget of(String job, URI metricsUrl) {
            return new ScrapeTarget(job, metricsUrl.getHost() + ":" + metricsUrl.getPort(), metricsUrl.getPath());
        }
    }

    private final Process process;
    private final int port;
    private final Path dir;
    private final Path logFile;
    private final Thread shutdownHook;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private PrometheusServer(Process process, int port, Path dir, Path logFile) {
        this.process = process;
        this.port = port;
        this.dir = dir;
        this.logFile = logFile;
        this.shutdownHook = new Thread(process::destroyForcibly, "prometheus-" + port + "-cleanup");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** The binary: {@code prometheus} on PATH, else {@code /usr/bin/prometheus}. */
    public static Optional<Path> findBinary() {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                if (!dir.isEmpty()) {
                    Path candidate = Path.of(dir, "prometheus");
                    if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                        return Optional.of(candidate);
                    }
                }
            }
        }
        return Files.isExecutable(DEBIAN_BINARY) ? Optional.of(DEBIAN_BINARY) : Optional.empty();
    }

    /** True when {@code CRESCENDO_CI} is set (not blank): a missing binary is then a failure. */
    public static boolean inCi() {
        String ci = System.getenv("CRESCENDO_CI");
        return ci != null && !ci.isBlank();
    }

    /**
     * The binary, or: a failed test under CRESCENDO_CI, otherwise an aborted (skipped) test with a
     * banner on stderr, so nobody takes a green run for a tested Prometheus path.
     */
    public static Path requirePrometheus() {
        return requirePrometheus(findBinary(), inCi());
    }

    static Path requirePrometheus(Optional<Path> binary, boolean ci) {
        if (binary.isPresent()) {
            return binary.get();
        }
        if (ci) {
            throw new AssertionError("prometheus is not installed, and CRESCENDO_CI is set: CI must install it"
                    + " (apt-get install prometheus); these tests FAIL rather than skip in CI");
        }
        String line = "!".repeat(100);
        System.err.println("\n" + line + "\n!!! " + MISSING + "\n" + line + "\n");
        Assumptions.abort(MISSING);
        throw new IllegalStateException("unreachable");
    }

    /** Starts Prometheus scraping {@code targets} every second and waits until it is ready. */
    public static PrometheusServer start(ScrapeTarget... targets) throws IOException {
        Path binary = requirePrometheus();
        Path dir = Files.createTempDirectory("crescendo-prometheus-");
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, config(List.of(targets)));
        Path logDir = Files.isDirectory(Path.of("target")) ? Path.of("target", "prometheus") : dir;
        Files.createDirectories(logDir);
        IllegalStateException last = null;
        for (int attempt = 1; attempt <= 3; attempt++) { // a free port can be taken between probe and bind
            int port = freePort();
            Path log = logDir.resolve("prometheus-" + port + ".log").toAbsolutePath();
            Process process = new ProcessBuilder(binary.toString(),
                    "--config.file=" + config,
                    "--storage.tsdb.path=" + dir.resolve("data"),
                    "--web.listen-address=127.0.0.1:" + port,
                    "--log.level=info")
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            PrometheusServer server = new PrometheusServer(process, port, dir, log);
            try {
                server.awaitReady();
                return server;
            } catch (IllegalStateException e) {
                server.stop();
                last = e;
                if (!server.log().contains("address already in use")) {
                    break;
                }
            }
        }
        deleteRecursively(dir);
        throw last;
    }

    static String config(List<ScrapeTarget> targets) {
        StringBuilder yaml = new StringBuilder("""
                global:
                  scrape_interval: 1s
                  scrape_timeout: 1s
                  evaluation_interval: 1s
                scrape_configs:
                """);
        for (ScrapeTarget t : targets) {
            yaml.append("  - job_name: \"").append(t.job()).append("\"\n")
                    .append("    metrics_path: \"").append(t.metricsPath()).append("\"\n")
                    .append("    static_configs:\n")
                    .append("      - targets: [\"").append(t.hostPort()).append("\"]\n");
        }
        if (targets.isEmpty()) {
            yaml.append("  []\n");
        }
        return yaml.toString();
    }

    /** {@code http://127.0.0.1:PORT}. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public Path logFile() {
        return logFile;
    }

    public boolean running() {
        return process.isAlive();
    }

    /** Waits (up to 30 s) until Prometheus has scraped {@code job} successfully. */
    public PrometheusServer awaitTargetUp(String job) {
        try {
            await("prometheus target " + job + " up").atMost(READY_WITHIN).pollInterval(Duration.ofMillis(200))
                    .until(() -> targetHealth(job).equals("up"));
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("target " + job + " is not up in Prometheus after " + READY_WITHIN.toSeconds()
                    + "s (health: " + targetHealth(job) + "); log " + logFile + ":\n" + tail(), e);
        }
        return this;
    }

    /** Ends the process (SIGTERM, then SIGKILL after 10 s); its port refuses connections afterwards. */
    public void stop() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        stop();
        http.close();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down already
        }
        deleteRecursively(dir);
    }

    private void awaitReady() {
        try {
            await("prometheus ready").atMost(READY_WITHIN).pollInterval(Duration.ofMillis(100)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("prometheus exited with " + process.exitValue()
                            + " before it was ready; log " + logFile + ":\n" + tail());
                }
                return get("/-/ready").map(r -> r.statusCode() == 200).orElse(false);
            });
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("prometheus not ready after " + READY_WITHIN.toSeconds() + "s; log "
                    + logFile + ":\n" + tail(), e);
        }
    }

    private String targetHealth(String job) {
        Optional<HttpResponse<String>> response = get("/api/v1/targets?state=active");
        if (response.isEmpty() || response.get().statusCode() != 200) {
            return "unknown (targets API did not answer)";
        }
        try {
            for (JsonNode t : JSON.readTree(response.get().body()).path("data").path("activeTargets")) {
                if (job.equals(t.path("labels").path("job").asText())) {
                    String error = t.path("lastError").asText("");
                    return t.path("health").asText() + (error.isEmpty() ? "" : " (" + error + ")");
                }
            }
            return "no such job";
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private Optional<HttpResponse<String>> get(String path) {
        try {
            return Optional.of(http.send(HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(2))
                    .GET().build(), HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private String log() {
        try {
            return Files.readString(logFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** The last 30 lines of the log. */
    private String tail() {
        List<String> lines = log().lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // a temp dir left behind is not worth failing a test for
        }
    }
}
