package dev.crescendo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** {@code crescendo validate} on good and bad manifests: exit code and the message naming the field. */
class ValidateCommandTest {
    private final StringWriter out = new StringWriter();

    private int validate(String... files) {
        CommandLine cli = CrescendoCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        String[] args = new String[files.length + 1];
        args[0] = "validate";
        for (int i = 0; i < files.length; i++) {
            args[i + 1] = Path.of("src/test/resources/manifests", files[i]).toString();
        }
        return cli.execute(args);
    }

    @Test
    void aValidCampaignPasses() {
        assertThat(validate("valid.yaml")).isZero();
        assertThat(out.toString()).contains("perf/chat-progressive is valid (4 stages)");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "empty-stages.yaml     | spec.stages: at least one stage is required",
        "negative-vus.yaml     | spec.stages[1].vus: must be at least 1",
        "bad-duration.yaml     | spec.stages[1].duration: invalid duration '2 minutes'",
        "duplicate-stages.yaml | spec.stages[2].name: duplicate stage name 'light'",
        "unknown-method.yaml   | spec.scenario.operations[1].request.method: unknown method 'FETCH'; one of [GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS]",
        "both-models.yaml      | spec.stages[3]: set exactly one of vus (closed model) or arrivalRate",
        "unknown-field.yaml    | unknown field 'spec.scenario.thinktime'",
        "wrong-kind.yaml       | apiVersion/kind: expected crescendo.dev/v1alpha1 LoadCampaign"})
    void aBadCampaignIsRejectedWithTheFieldNamed(String file, String message) {
        assertThat(validate(file)).isEqualTo(2);
        assertThat(out.toString()).contains(file + ": ").contains(" is invalid").contains("  " + message);
    }

    @Test
    void everyFileIsCheckedAndOneBadFileFailsTheRun() {
        assertThat(validate("valid.yaml", "negative-vus.yaml")).isEqualTo(2);
        assertThat(out.toString()).contains("valid.yaml: perf/chat-progressive is valid").contains("negative-vus.yaml: perf/chat-progressive is invalid");
    }

    @Test
    void aMissingFileIsNamed() {
        assertThat(validate("nope.yaml")).isEqualTo(2);
        assertThat(out.toString()).contains("nope.yaml: no such file");
    }
}
