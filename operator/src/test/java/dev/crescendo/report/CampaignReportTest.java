package dev.crescendo.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crescendo.api.LoadCampaign;
import dev.crescendo.loadgen.config.ConfigException;
import dev.crescendo.report.MarkdownTables.Table;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Markdown report of finished campaigns (fixtures in src/test/resources/reports). */
class CampaignReportTest {
    static final List<String> ALL_SECTIONS = List.of("## Stages", "### Latency by operation", "## Outcomes",
            "## Thresholds", "### Results", "### Declared", "## Breach", "## Diagnosis", "### Error samples",
            "## Scaling", "### Stage to stage", "## Capacity", "## History");

    static LoadCampaign fixture(String name) throws ConfigException {
        return CampaignFile.read(Path.of("src/test/resources/reports", name));
    }

    static String report(String name) throws ConfigException {
        return CampaignReport.markdown(fixture(name));
    }

    /** The headings of a document, "## Stages" style, in order. */
    static List<String> headings(String md) {
        return md.lines().filter(l -> l.startsWith("#")).toList();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"halted-pool.yaml", "failed-preflight.yaml", "client-errors.yaml", "report-001.yaml"})
    void everyTableRowHasAsManyCellsAsItsHeader(String fixture) throws Exception {
        List<Table> tables = MarkdownTables.parse(report(fixture));
        assertThat(tables).isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"halted-pool.yaml", "failed-preflight.yaml", "client-errors.yaml", "report-001.yaml"})
    void blocksAreSeparatedByBlankLinesAndTheDocumentEndsWithOneNewline(String fixture) throws Exception {
        String md = report(fixture);
        assertThat(md).endsWith("\n").doesNotEndWith("\n\n").doesNotContain("\n\n\n");
        String[] lines = md.split("\n");
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].startsWith("#") || (lines[i].startsWith("|") && !lines[i - 1].startsWith("|"))) {
                assertThat(lines[i - 1]).as("the line before line %d: %s", i + 1, lines[i]).isEmpty();
            }
        }
    }

    @Nested
    class HaltedOnPoolSaturation {
        final String md = report("halted-pool.yaml");

        HaltedOnPoolSaturation() throws ConfigException {}

        @Test
        void hasEverySectionInOrder() {
            assertThat(headings(md)).containsExactlyElementsOf(
                    concat(List.of("# Load campaign chat-progressive"), ALL_SECTIONS));
        }

        @Test
        void titleSaysWhereAndHowItEnded() {
            assertThat(md).startsWith("# Load campaign chat-progressive\n")
                    .contains("- **Namespace:** perf\n- **Run:** 2\n- **Phase:** Halted\n- **Verdict:** FAILED\n"
                            + "- **Target:** `http://127.0.0.1:18123`\n")
                    .contains("> stage heavy halted: threshold pool breached: 1.0, fail above 0.95 for 2s;")
                    .contains("**Preflight:** passed at 2026-11-22T10:53:49.614824592Z — GET http://127.0.0.1:18123/api/v1/health answered 200");
        }

        @Test
        void stageTableHasLoadsNumbersAndHowEachEnded() {
            Table stages = MarkdownTables.find(md, "Stage", "Load", "Duration", "Ran", "Verdict", "Requests",
                    "Throughput (req/s)", "Dropped", "Errors", "Note");
            assertThat(stages.row("smoke")).containsExactly("smoke", "1 VUs", "4s", "4.83 s", "PASSED", "129", "32.0", "0",
                    "0.00%", "all thresholds passed");
            assertThat(stages.row("heavy")).containsExactly("heavy", "16 VUs", "40s (ramp-up 2s)", "3.71 s",
                    "FAILED (halted)", "520", "160.0", "0", "4.23%", "threshold pool breached: 1.0, fail above 0.95 for 2s");
        }

        @Test
        void latencyPerOperation() {
            Table latency = MarkdownTables.find(md, "Stage", "Operation", "Count", "P50", "P95", "P99", "Max");
            assertThat(latency.rows()).hasSize(6)
                    .contains(List.of("heavy", "send", "359", "91.7ms", "164.6ms", "178.6ms", "2003.1ms"));
        }

        @Test
        void outcomesShowOnlyTheClassesThatOccurred() {
            Table outcomes = MarkdownTables.find(md, "Stage", "ok", "server_error", "timeout");
            assertThat(outcomes.row("heavy")).containsExactly("heavy", "498 (95.77%)", "17 (3.27%)", "5 (0.96%)");
            assertThat(outcomes.row("smoke")).containsExactly("smoke", "129 (100.00%)", "0", "0");
        }

        @Test
        void thresholdResultsAndWhatEachMeasures() {
            Table results = MarkdownTables.find(md, "Stage", "Threshold", "Observed", "Limit", "Verdict");
            assertThat(results.rows()).hasSize(12).contains(List.of("heavy", "pool", "1", "above 0.95", "FAILED"));
            Table declared = MarkdownTables.find(md, "Threshold", "Measures", "Warn", "Fail", "For");
            assertThat(declared.row("pool")).containsExactly("pool", "scrape `hikaricp_connections_active` / "
                    + "`hikaricp_connections_max` from `http://127.0.0.1:18123/metrics` where `{pool=\"demo\"}` (largest series)",
                    "0.75", "0.95", "2s");
            assertThat(declared.row("send-p95")).containsExactly("send-p95", "p95 latency of `send`", "200ms", "500ms", "–");
            assertThat(declared.row("errors").get(1)).isEqualTo("error rate (responses not ok) of all operations");
            assertThat(declared.row("throughput")).containsExactly("throughput", "throughput (req/s) of all operations",
                    "–", "\\< 1", "–");
        }

        @Test
        void breachSaysHowLongTheLoadTookToStop() {
            Table breach = MarkdownTables.find(md, "Stage", "Threshold", "Observed", "Limit", "Detected at",
                    "Load stopped at", "Stopped after");
            assertThat(breach.rows()).containsExactly(List.of("heavy", "pool", "1", "above 0.95",
                    "2026-11-22T10:54:02.507385396Z", "2026-11-22T10:54:02.697420115Z", "0.19 s"));
            assertThat(md).contains("The load stopped 0.19 s after the breach was detected.");
        }

        @Test
        void diagnosisQuotesItsCauseEvidenceAndSamplesOnce() {
            assertThat(md).contains("## Diagnosis\n\n**Cause:** `PoolSaturation`\n\n"
                    + "> the target's connection pool saturated: pool reached 1 (limit above 0.95); requests queue for a"
                    + " connection, so latency grows and requests time out\n")
                    .contains("- p95 latency 4.4× the previous stage's\n");
            Table samples = MarkdownTables.find(md, "Operation", "Outcome", "Status", "Count", "Body");
            assertThat(samples.row("send")).containsExactly("send", "server_error", "503", "17",
                    "{\"error\":\"database connection pool exhausted: HikariPool-1 - Connection is not available, request"
                            + " timed out after 2000ms.\"}");
            assertThat(samples.rows().get(1)).containsExactly("send", "timeout", "–", "5", "no complete response within 2000ms");
            // The diagnosis quotes the samples; the outcomes section does not repeat them.
            assertThat(headings(md).stream().filter(h -> h.equals("### Error samples"))).hasSize(1);
        }

        @Test
        void scalingAndStageToStageGrowth() {
            Table scaling = MarkdownTables.find(md, "Stage", "Load", "Throughput (req/s)", "Efficiency", "P95", "Pool utilisation");
            assertThat(scaling.row("light")).containsExactly("light", "2 VUs", "71.1", "111.30%", "37.9ms", "41.70%");
            assertThat(scaling.row("heavy")).containsExactly("heavy", "16 VUs", "160.0", "31.30%", "167.6ms", "100.00%");
            Table growth = MarkdownTables.find(md, "Step", "Load", "Load growth", "Throughput growth", "P95 growth", "Linearity");
            assertThat(growth.row("light → heavy")).containsExactly("light → heavy", "2 → 16 VUs", "×8", "×2.25", "×4.42",
                    "28.11%");
        }

        @Test
        void capacityWithThePoolLimitInTheStagesUnit() {
            assertThat(md).contains("## Capacity\n\n- **Last passed stage:** light\n- **First failed stage:** heavy\n"
                    + "- **Linear through:** light\n- **Latency growth:** ×2.7 (p95, last measured stage over the first)\n"
                    + "- **Pool full at:** about 5 VUs\n\nthroughput scaled linearly through light");
        }

        @Test
        void historyOfEarlierRuns() {
            Table history = MarkdownTables.find(md, "Run", "Generation", "Phase", "Verdict", "Started", "Finished",
                    "Last passed stage");
            assertThat(history.rows()).containsExactly(List.of("1", "1", "Failed", "FAILED", "2026-11-22T10:40:02Z",
                    "2026-11-22T10:40:09Z", "–"));
        }
    }

    @Test
    void aFailedPreflightIsTitleMessagePreflightDiagnosisAndTheDeclaredThresholds() throws Exception {
        String md = report("failed-preflight.yaml");
        assertThat(headings(md)).containsExactly("# Load campaign chat-progressive", "## Thresholds", "### Declared",
                "## Diagnosis");
        assertThat(md).contains("- **Phase:** Failed\n")
                .contains("> preflight failed: GET http://127.0.0.1:18123/api/v1/health: connection refused; is the target running?")
                .contains("**Preflight:** **FAILED** at 2026-11-22T10:54:24.397080604Z — GET http://127.0.0.1:18123/api/v1/health: connection refused")
                .contains("**Cause:** `TargetUnreachable`");
        Table declared = MarkdownTables.find(md, "Threshold", "Measures", "Warn", "Fail", "For");
        assertThat(declared.row("pool").get(1)).isEqualTo("PromQL `max(hikaricp_connections_active{namespace=\"${namespace}\"})"
                + " / max(hikaricp_connections_max{namespace=\"${namespace}\"})`");
    }

    @Nested
    class ClientErrors {
        final String md = report("client-errors.yaml");

        ClientErrors() throws ConfigException {}

        @Test
        void quotesTheDiagnosis() {
            assertThat(md).contains("**Cause:** `ClientErrors`\n\n> client errors: the scenario and the API disagree:"
                    + " 54.4% of requests (129 of 237) were client_error; most common (129× history): 400 cursor must be a"
                    + " message id | got '1761050000000'\n");
        }

        @Test
        void errorBodiesHaveTheirPipesAndLineBreaksEscaped() {
            Table samples = MarkdownTables.find(md, "Operation", "Outcome", "Status", "Count", "Body");
            assertThat(samples.row("history")).containsExactly("history", "client_error", "400", "129",
                    "cursor must be a message id \\| got '1761050000000'<br>hint: use an id from an earlier response");
        }

        @Test
        void longBodiesAreCutAndHtmlIsShownNotRendered() {
            String body = MarkdownTables.find(md, "Operation", "Outcome", "Status", "Count", "Body").row("send").get(4);
            assertThat(body).startsWith("\\<html\\>\\<body\\>created\\</body\\>\\</html\\> \\*\\*\\* this body goes on")
                    .endsWith("…").doesNotContain("END-OF-BODY-MARKER");
            assertThat(body.replace("\\", "")).hasSizeLessThanOrEqualTo(ErrorSamples.BODY_LIMIT + 1);
        }

        @Test
        void aStageNeverReachedIsListedAsNotRun() {
            Table stages = MarkdownTables.find(md, "Stage", "Load", "Duration", "Ran", "Verdict", "Requests",
                    "Throughput (req/s)", "Dropped", "Errors", "Note");
            assertThat(stages.row("smoke")).containsExactly("smoke", "2 VUs", "3s", "3.57 s", "FAILED", "237", "77.9", "0",
                    "55.70%", "threshold errors FAILED: observed 55.70%, fail above 1%");
            assertThat(stages.row("light")).containsExactly("light", "4 VUs", "3s", "–", "not run", "–", "–", "–", "–", "–");
        }

        @Test
        void outcomesAndDeclaredOutcomeRate() {
            assertThat(MarkdownTables.find(md, "Stage", "ok", "client_error", "check_failed").row("smoke"))
                    .containsExactly("smoke", "105 (44.30%)", "129 (54.43%)", "3 (1.27%)");
            assertThat(MarkdownTables.find(md, "Threshold", "Measures", "Warn", "Fail", "For").row("throttled"))
                    .containsExactly("throttled", "share of `rate_limited` responses of `send`", "–", "5%", "–");
        }

        @Test
        void oneMeasuredStageHasNoStageToStageTableAndNoBreach() {
            assertThat(headings(md)).contains("## Scaling", "## Capacity")
                    .doesNotContain("### Stage to stage", "## Breach", "## History");
        }
    }

    @Nested
    class Report001 {
        final String md = report("report-001.yaml");

        Report001() throws ConfigException {}

        @Test
        void stagesAsTheReportHadThem() {
            Table stages = MarkdownTables.find(md, "Stage", "Load", "Duration", "Ran", "Verdict", "Requests",
                    "Throughput (req/s)", "Dropped", "Errors", "Note");
            assertThat(stages.row("smoke")).containsExactly("smoke", "5 VUs", "30s", "30.09 s", "PASSED", "295", "9.8", "0",
                    "0.00%", "all thresholds passed");
            assertThat(stages.row("light")).containsExactly("light", "20 VUs", "2m", "120.14 s", "PASSED", "4,700", "39.1",
                    "0", "0.00%", "all thresholds passed");
        }

        @Test
        void theScalingTableReport001MadeByHand() {
            // "5 → 20 VUs: load ×4, throughput ×3.99, p95 ×1.18"
            Table growth = MarkdownTables.find(md, "Step", "Load", "Load growth", "Throughput growth", "P95 growth", "Linearity");
            assertThat(growth.rows()).containsExactly(List.of("smoke → light", "5 → 20 VUs", "×4", "×3.99", "×1.18", "99.74%"));
            Table scaling = MarkdownTables.find(md, "Stage", "Load", "Throughput (req/s)", "Efficiency", "P95", "Pool utilisation");
            assertThat(scaling.column("P95")).containsExactly("22ms", "26ms");
            assertThat(scaling.column("Pool utilisation")).containsExactly("0.90%", "4.00%");
        }

        @Test
        void aPassingCampaignHasNoBreachNoDiagnosisAndNoErrorColumns() {
            assertThat(headings(md)).doesNotContain("## Breach", "## Diagnosis", "### Error samples");
            assertThat(MarkdownTables.find(md, "Stage", "ok").rows()).hasSize(2);
            assertThat(md).contains("- **Phase:** Succeeded\n- **Verdict:** PASSED\n")
                    .contains("- **Pool full at:** about 485 VUs\n");
        }

        @Test
        void historyNewestFirst() {
            Table history = MarkdownTables.find(md, "Run", "Generation", "Phase", "Verdict", "Started", "Finished",
                    "Last passed stage");
            assertThat(history.column("Run")).containsExactly("2", "1");
        }
    }

    @Test
    void aCampaignWithNothingButANameStillRenders() {
        LoadCampaign c = new LoadCampaign();
        c.setMetadata(new ObjectMetaBuilder().withName("bare").build());
        assertThat(CampaignReport.markdown(c)).isEqualTo("# Load campaign bare\n\nNo status: the campaign has not been run.\n");
    }

    @Test
    void writeCreatesTheDirectoryAndWritesTheReport(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        LoadCampaign c = fixture("report-001.yaml");
        Path file = dir.resolve("reports/chat.md");
        CampaignReport.write(c, file);
        assertThat(file).content().isEqualTo(CampaignReport.markdown(c));
    }

    static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
