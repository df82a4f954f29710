package dev.crescendo.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.crescendo.api.LoadCampaign;
import dev.crescendo.api.LoadCampaignStatus.Phase;
import dev.crescendo.loadgen.config.ConfigException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the campaign to report on: what {@code crescendo run} and kubectl write, and clear errors for anything else. */
class CampaignFileTest {
    static final Path FIXTURE = Path.of("src/test/resources/reports/halted-pool.yaml");

    @TempDir
    Path dir;

    @Test
    void readsTheStatusWithTheSpec() throws Exception {
        LoadCampaign c = CampaignFile.read(FIXTURE);
        assertThat(c.getStatus().phase()).isEqualTo(Phase.Halted);
        assertThat(c.getStatus().stages()).hasSize(3);
        assertThat(c.getStatus().capacity().scaling()).hasSize(3);
        assertThat(c.getSpec().stages()).hasSize(3);
    }

    /** Written the way {@code crescendo run --output} writes it (YAML, or Fabric8's JSON), read back to the same report. */
    @Test
    void whatRunWritesReadsBackToTheSameReport() throws Exception {
        LoadCampaign c = CampaignFile.read(FIXTURE);
        Path yaml = Files.writeString(dir.resolve("final.yaml"), new YAMLMapper().writeValueAsString(c));
        Path json = Files.writeString(dir.resolve("final.json"), Serialization.jsonMapper().writeValueAsString(c));
        assertThat(CampaignReport.markdown(CampaignFile.read(yaml))).isEqualTo(CampaignReport.markdown(c));
        assertThat(CampaignReport.markdown(CampaignFile.read(json))).isEqualTo(CampaignReport.markdown(c));
    }

    @Test
    void fieldsItDoesNotKnowAreSkipped() throws Exception {
        String text = Files.readString(FIXTURE).replace("status:\n", """
                status:
                  someFutureField: {deep: [1, 2]}
                """).replace("  name: chat-progressive\n", """
                  name: chat-progressive
                  managedFields: [{manager: crescendo, operation: Update}]
                """).replace("phase: Halted", "phase: Exploded");
        LoadCampaign c = CampaignFile.parse(text);
        assertThat(c.getStatus().phase()).as("a phase from a newer operator").isNull();
        assertThat(c.getStatus().stages()).hasSize(3);
    }

    @Test
    void kubectlsListOfOneCampaignIsThatCampaign() throws Exception {
        String item = Files.readString(FIXTURE).lines().filter(l -> !l.startsWith("#"))
                .map(l -> "    " + l).reduce("", (a, b) -> a + b + "\n");
        LoadCampaign c = CampaignFile.parse("apiVersion: v1\nkind: List\nitems:\n  -\n" + item);
        assertThat(c.getMetadata().getName()).isEqualTo("chat-progressive");
    }

    @Test
    void aConfigMapIsNamedForWhatItIs() {
        assertThatThrownBy(() -> CampaignFile.read(Path.of("src/test/resources/reports/configmap.yaml")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("src/test/resources/reports/configmap.yaml: expected a crescendo.dev/v1alpha1 LoadCampaign, got v1 ConfigMap");
    }

    @Test
    void aCampaignThatNeverRanHasNothingToReport() {
        assertThatThrownBy(() -> CampaignFile.read(Path.of("src/test/resources/reports/no-status.yaml")))
                .hasMessageContaining("no-status.yaml: the LoadCampaign has no status: it has not run yet");
    }

    @Test
    void otherProblemsAreNamed() throws Exception {
        assertThatThrownBy(() -> CampaignFile.parse("")).hasMessageContaining("empty: expected a crescendo.dev/v1alpha1 LoadCampaign");
        assertThatThrownBy(() -> CampaignFile.parse("a: [1, 2")).hasMessageStartingWith("not valid YAML or JSON");
        assertThatThrownBy(() -> CampaignFile.parse("just some text\n"))
                .hasMessage("expected a crescendo.dev/v1alpha1 LoadCampaign, got the value 'just some text'");
        assertThatThrownBy(() -> CampaignFile.parse("a: 1\n---\nb: 2\n")).hasMessageContaining("holds 2 documents");
        assertThatThrownBy(() -> CampaignFile.parse("apiVersion: v1\nkind: List\nitems: []\n"))
                .hasMessageContaining("a List of 0 items");
        String wrongType = Files.readString(FIXTURE).replace("requests: 520", "requests: many");
        assertThatThrownBy(() -> CampaignFile.parse(wrongType)).hasMessageContaining("field status.stages[2].requests: ");
        assertThatThrownBy(() -> CampaignFile.read(dir.resolve("nope.yaml"))).hasMessageEndingWith("nope.yaml: no such file");
        assertThatThrownBy(() -> CampaignFile.read(dir)).hasMessageContaining(dir + ": cannot be read");
    }
}
