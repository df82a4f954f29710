package dev.crescendo.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code demo-target} as a real process: prints its URL, serves, stops on SIGTERM; bad options exit 2. */
class DemoTargetCommandIT {
    private static final Pattern URL = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)");

    @TempDir
    Path dir;

    @Test
    void servesOnTheUrlItPrintsUntilSigterm() throws Exception {
        Path stdout = dir.resolve("stdout.txt");
        Process p = start(stdout, "--port", "0", "--pool-size", "3", "--pool-timeout", "500ms", "--query-cost", "5ms");
        try {
            String baseUrl = await().atMost(Duration.ofSeconds(30)).until(() -> baseUrl(stdout), url -> url != null);
            DemoClient client = new DemoClient(baseUrl);
            assertThat(client.get("/api/v1/health").status()).isEqualTo(200);
            assertThat(client.post("/api/v1/conversations/cli/messages", "{\"text\": \"hi\"}").status()).isEqualTo(201);
            assertThat(client.scrape().value("hikaricp_connections_max", "pool=\"demo\"")).isEqualTo(3);
            assertThat(Files.readString(stdout)).contains("pool size 3, pool timeout 500ms, query cost 5ms");

            p.destroy(); // SIGTERM
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("exits after SIGTERM").isTrue();
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void badOptionsExit2AndNameTheOption() throws Exception {
        assertThat(runToEnd("--pool-timeout", "100ms")).contains("--pool-timeout").contains("250ms");
        assertThat(runToEnd("--query-cost", "slow")).contains("--query-cost").contains("'slow'");
        assertThat(runToEnd("--pool-size", "0")).contains("--pool-size");
    }

    private String runToEnd(String... args) throws Exception {
        Process p = start(dir.resolve("stdout.txt"), args);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String err = Files.readString(dir.resolve("stderr.txt"), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(err).isEqualTo(2);
        return err;
    }

    private static String baseUrl(Path stdout) throws Exception {
        Matcher m = URL.matcher(Files.exists(stdout) ? Files.readString(stdout) : "");
        return m.find() ? m.group(1) : null;
    }

    private Process start(Path stdout, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElseThrow());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(DemoTargetCommand.class.getName());
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectOutput(stdout.toFile()).redirectError(dir.resolve("stderr.txt").toFile()).start();
    }
}
