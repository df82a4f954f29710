package dev.crescendo.loadgen.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.crescendo.loadgen.report.Summary;
import dev.crescendo.loadgen.report.SummaryJson;
import dev.crescendo.loadgen.testing.TestTarget;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generator as a real process: SIGTERM stops it at once with a summary; bad input exits 2. */
class LoadgenProcessIT {
    @TempDir
    Path dir;

    @Test
    void sigtermStopsSendingAndWritesTheSummaryToBothFiles() throws Exception {
        try (TestTarget target = new TestTarget()) {
            Path config = dir.resolve("stage.yaml");
            Path terminationLog = dir.resolve("termination-log");
            Path summaryOut = dir.resolve("out/summary.json");
            Files.writeString(config, """
                    stage: {name: long, vus: 4, duration: 10m}
                    target: {baseUrl: %s}
                    summaryFile: %s
                    scenario:
                      thinkTime: 5ms
                      operations:
                        - {name: get, request: {path: /ok}}
                    """.formatted(target.baseUrl(), terminationLog));
            Process p = start("--config", config.toString(), "--summary-out", summaryOut.toString(), "-q");
            try {
                await().atMost(Duration.ofSeconds(20)).until(() -> target.hits("/ok") > 20);
                p.destroy(); // SIGTERM
                assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("exits after SIGTERM").isTrue();
            } finally {
                p.destroyForcibly();
            }
            long sentByThen = target.hits("/ok");
            String json = Files.readString(terminationLog);
            assertThat(json.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(4096);
            assertThat(Files.readString(summaryOut)).isEqualTo(json);
            Summary s = SummaryJson.parse(json);
            assertThat(s.abortReason()).isEqualTo("terminated (SIGTERM)");
            assertThat(s.requests()).isPositive();
            assertThat(s.requests() + s.interrupted()).isEqualTo(sentByThen);
            assertThat(s.operations().get("get").p95Ms()).isNotNull();
        }
    }

    @Test
    void badConfigExitsWith2AndNamesTheField() throws Exception {
        Path config = dir.resolve("bad.yaml");
        Files.writeString(config, """
                stage: {name: s, vus: 5, duration: 30x}
                target: {baseUrl: http://127.0.0.1:1}
                scenario:
                  operations: [{name: a, request: {path: /}}]
                """);
        Process p = start("--config", config.toString());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(err).contains("stage.duration").contains("invalid duration '30x'");
    }

    @Test
    void badOptionExitsWith2AndNamesTheOption() throws Exception {
        Process p = start("--url", "http://127.0.0.1:1/", "--vus", "many", "--duration", "1s");
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(err).contains("--vus").contains("many");
    }

    private Process start(String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElseThrow());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(LoadgenCommand.class.getName());
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectOutput(dir.resolve("stdout.txt").toFile()).start();
    }
}
