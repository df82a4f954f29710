package dev.crescendo.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** crds/ holds exactly what the build generates from the api classes (never hand-edited). */
class CrdDriftTest {
    private static final String CRD = "loadcampaigns.crescendo.dev-v1.yml";

    @Test
    void committedCrdMatchesTheGeneratedOne() throws Exception {
        String generated;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/fabric8/" + CRD)) {
            assertThat(in).as("the build generates META-INF/fabric8/" + CRD).isNotNull();
            generated = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Path committed = Path.of("..", "crds", CRD);
        assertThat(committed).exists();
        assertThat(Files.readString(committed))
                .as("crds/%s is stale: run ./dev crds and commit the result", CRD)
                .isEqualTo(generated);
    }

    @Test
    void crdCarriesTheContractsNamesColumnsAndRules() throws Exception {
        String crd = Files.readString(Path.of("..", "crds", CRD));
        assertThat(crd).contains("group: \"crescendo.dev\"", "name: \"v1alpha1\"", "- \"lc\"", "scope: \"Namespaced\"",
                "jsonPath: \".status.phase\"", "jsonPath: \".status.verdict\"", "jsonPath: \".status.currentStage\"",
                "rule: \"has(self.vus) != has(self.arrivalRate)\"", "message: \"stage names must be unique\"",
                "status: {}");
    }
}
