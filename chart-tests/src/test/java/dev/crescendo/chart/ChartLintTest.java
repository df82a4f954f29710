package dev.crescendo.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code helm lint --strict}: warnings fail too. */
class ChartLintTest {
    @Test
    void chartLintsCleanWithDefaultValues() {
        LintResult result = new Helm(Charts.CHART).lint().strict().call();
        assertThat(result.isFailed()).as("helm lint: %s", result.getMessages()).isFalse();
        assertThat(result.getMessages()).noneMatch(m -> m.contains("[WARNING]") || m.contains("[ERROR]"));
    }

    @Test
    void chartLintsCleanWithNonDefaultValues(@TempDir Path work) throws Exception {
        Path chart = Charts.chartWithValues(Charts.resource("values-custom.yaml"), work);
        LintResult result = new Helm(chart).lint().strict().call();
        assertThat(result.isFailed()).as("helm lint: %s", result.getMessages()).isFalse();
        assertThat(result.getMessages()).noneMatch(m -> m.contains("[WARNING]") || m.contains("[ERROR]"));
    }

    @Test
    void lintCatchesValuesOutsideTheSchema(@TempDir Path work) throws Exception {
        Path chart = Charts.chartWithValues(Charts.resource("values-invalid.yaml"), work);
        LintResult result = new Helm(chart).lint().strict().call();
        assertThat(result.isFailed()).isTrue();
        assertThat(String.join("\n", result.getMessages())).contains("logLevel");
    }
}
