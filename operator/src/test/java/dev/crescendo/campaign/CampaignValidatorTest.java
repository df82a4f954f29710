package dev.crescendo.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crescendo.api.LoadCampaign;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class CampaignValidatorTest {
    private static final String VALID = read();

    private static String read() {
        try {
            return Files.readString(Path.of("src/test/resources/manifests/valid.yaml"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> problems(String manifest) throws Exception {
        List<ManifestReader.Manifest> read = ManifestReader.parse(manifest);
        assertThat(read).hasSize(1);
        return read.get(0).problems();
    }

    @Test
    void theReferenceCampaignIsValidAndKeepsItsFields() throws Exception {
        ManifestReader.Manifest m = ManifestReader.parse(VALID).get(0);
        assertThat(m.problems()).isEmpty();
        LoadCampaign c = m.campaign();
        assertThat(c.getSpec().stages()).extracting(s -> s.name()).containsExactly("smoke", "light", "medium", "peak");
        assertThat(c.getSpec().thresholds().get(2).promql()).contains("hikaricp_connections_active");
        assertThat(c.getSpec().scenario().operations().get(0).extract()).containsEntry("messageId", "$.message.id");
    }

    @Test
    void generatorThresholdProblemsPointAtTheSpecIndex() throws Exception {
        // thresholds[1] is the second generator-side one, but the third in the spec after a promql one
        String manifest = VALID.replace("- {name: errors, errorRate: {}, fail: \"1%\"}",
                "- {name: pool2, promql: 'up', fail: 0.9}\n    - {name: errors, errorRate: {operation: nope}, fail: \"1%\"}");
        assertThat(problems(manifest)).containsExactly(
                "spec.thresholds[2].errorRate.operation: no operation named 'nope' in the scenario");
    }

    @Test
    void promqlNeedsPrometheusAndLevelsMustBeNumbers() throws Exception {
        String manifest = VALID.replaceAll("(?s)  prometheus:.*?key: token}\n", "")
                .replace("warn: 0.7, fail: 0.9", "warn: high, fail: \"< 0.9\"");
        assertThat(problems(manifest)).containsExactly(
                "spec.thresholds[2].promql: needs spec.prometheus.url to query",
                "spec.thresholds[2].warn: 'high' is not a number (e.g. 0.9, 90%, or '< 0.8' when below is bad)");
    }

    @Test
    void promqlPlaceholdersMustBeKnownAndHaltDurationsValid() throws Exception {
        String manifest = VALID.replace("hikaricp_connections_active", "hikaricp_connections_active{pod=\"${pod}\"}")
                .replace("onMetricsUnavailable: Halt}", "onMetricsUnavailable: Halt, metricsUnavailableFor: soon}");
        assertThat(problems(manifest)).contains(
                "spec.thresholds[2].promql: unknown placeholder ${pod}; known: campaign, namespace, run, stage, stageStart, window");
        assertThat(problems(manifest)).anyMatch(p -> p.startsWith("spec.halt.metricsUnavailableFor:"));
    }

    @Test
    void manualApprovalMustNameAStage() throws Exception {
        String manifest = VALID.replace("progression: {mode: Automatic}", "progression: {mode: Manual, approvedThrough: heavy}");
        assertThat(problems(manifest)).containsExactly("spec.progression.approvedThrough: no stage named 'heavy'");
    }

    @Test
    void jobNamesMustFitKubernetesLimits() throws Exception {
        String manifest = VALID.replace("name: chat-progressive", "name: " + "a".repeat(52));
        assertThat(problems(manifest)).anySatisfy(p -> assertThat(p)
                .startsWith("spec.stages[2].name: with the campaign name").contains("longer than 63 characters"));
    }

    @Test
    void scenarioProblemsAreReportedOnceNotPerStage() throws Exception {
        String manifest = VALID.replace("thinkTime: 500ms", "thinkTime: soon");
        assertThat(problems(manifest)).containsExactly(
                "spec.scenario.thinkTime: invalid duration 'soon': use a number with a unit (ms, s, m, h), e.g. 500ms, 30s or 1m30s");
    }

    @Test
    void preflightIsChecked() throws Exception {
        String manifest = VALID.replace("timeout: 5s", "timeout: 0s").replace("jsonPath: \"$.status\"", "jsonPath: \"$[\"");
        assertThat(problems(manifest)).contains("spec.target.preflight.timeout: must be greater than 0")
                .anySatisfy(p -> assertThat(p).startsWith("spec.target.preflight.expectBody.jsonPath: invalid JSONPath"));
    }
}
