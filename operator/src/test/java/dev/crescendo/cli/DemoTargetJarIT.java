package dev.crescendo.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code java -jar crescendo.jar demo-target}: the shaded jar carries H2, HikariCP and Micrometer, and serves. */
class DemoTargetJarIT {
    private static final Path JAR = Path.of("target", "crescendo.jar");
    private static final Pattern URL = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)");

    @TempDir
    Path dir;

    @Test
    void theFatJarRunsTheDemoTargetUntilSigterm() throws Exception {
        assertThat(JAR).as("built by the shade plugin in the package phase").exists();
        Path stdout = dir.resolve("stdout.txt");
        Process p = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(), "-jar", JAR.toString(),
                "demo-target", "--port", "0", "--pool-size", "4")
                .redirectOutput(stdout.toFile()).redirectError(dir.resolve("stderr.txt").toFile()).start();
        try {
            String baseUrl = await().atMost(Duration.ofSeconds(30)).until(() -> {
                Matcher m = URL.matcher(Files.readString(stdout));
                return m.find() ? m.group(1) : null;
            }, url -> url != null);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/health"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).isEqualTo("{\"status\":\"ok\",\"database\":\"up\"}");

            HttpResponse<String> posted = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/conversations/jar/messages"))
                    .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString("{\"text\": \"from the jar\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(posted.statusCode()).as(posted.body()).isEqualTo(201);

            String metrics = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/metrics")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            for (String line : List.of("hikaricp_connections_max{pool=\"demo\"} 4.0", "demo_pool_saturated_since_timestamp_seconds 0.0")) {
                assertThat(metrics).contains(line);
            }
            assertThat(metrics).contains("http_server_requests_seconds_count{method=\"POST\",status=\"201\",uri=\"/api/v1/conversations/{id}/messages\"} 1");

            p.destroy(); // SIGTERM
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("exits after SIGTERM").isTrue();
            assertThat(Files.readString(dir.resolve("stderr.txt"))).as("nothing went wrong on the way").doesNotContain("Exception");
        } finally {
            p.destroyForcibly();
        }
    }
}
