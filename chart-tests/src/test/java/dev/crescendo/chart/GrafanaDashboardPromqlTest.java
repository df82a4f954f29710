package dev.crescendo.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every dashboard query parses as PromQL once Grafana has filled in its variables: Prometheus' own parser
 * ({@code promtool check rules}, Debian package {@code prometheus}) reads them as recording rules. Whether
 * they return data is for a test with a running operator and load generator.
 */
class GrafanaDashboardPromqlTest {
    static final Pattern LABEL_VALUES = Pattern.compile("^label_values\\((.*),\\s*[a-zA-Z_][a-zA-Z0-9_]*\\)$");

    static Path promtool;

    @BeforeAll
    static void findPromtool() {
        Optional<Path> found = Stream.concat(
                        Stream.of(System.getenv().getOrDefault("PATH", "").split(":")).filter(s -> !s.isEmpty()).map(Path::of),
                        Stream.of(Path.of("/usr/bin")))
                .map(dir -> dir.resolve("promtool")).filter(Files::isExecutable).findFirst();
        if (found.isEmpty()) {
            String message = "promtool is not installed (apt-get install prometheus)";
            if (System.getenv("CRESCENDO_CI") != null) {
                fail(message + "; CRESCENDO_CI is set, so this test must run");
            }
            System.err.println("\n*** " + message + ": the dashboard PromQL syntax test is SKIPPED ***\n");
            Assumptions.abort(message + "; this test is SKIPPED");
        }
        promtool = found.get();
    }

    @Test
    void everyQueryParsesAsPromql(@TempDir Path work) throws Exception {
        GrafanaDashboardTest.load();
        List<String> exprs = new ArrayList<>();
        for (String query : GrafanaDashboardTest.queries()) {
            Matcher labelValues = LABEL_VALUES.matcher(query);
            // label_values(selector, label) is Grafana's; the selector inside is PromQL.
            exprs.add(substitute(labelValues.matches() ? labelValues.group(1) : query));
        }
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
        for (int i = 0; i < exprs.size(); i++) {
            // A JSON string is a valid YAML double-quoted scalar.
            rules.append("      - record: dashboard_query_").append(i).append('\n')
                    .append("        expr: ").append(Charts.JSON.writeValueAsString(exprs.get(i))).append('\n');
        }
        Path file = work.resolve("dashboard-rules.yml");
        Files.writeString(file, rules);

        Process process = new ProcessBuilder(promtool.toString(), "check", "rules", file.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("promtool check rules:\n%s\nrules:\n%s", output, rules).isZero();
        assertThat(output).contains("SUCCESS: " + exprs.size() + " rules found");
    }

    /** What Grafana puts in place of its variables ("All" is the regex .*). */
    static String substitute(String query) {
        return query.replace("$__rate_interval", "1m")
                .replace("$__interval", "15s")
                .replace("$__range", "1h")
                .replace("$namespace", ".*")
                .replace("$campaign", ".*");
    }
}
