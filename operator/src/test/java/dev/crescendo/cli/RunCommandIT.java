package dev.crescendo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.crescendo.loadgen.testing.TestTarget;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code crescendo run}: the verdict table, the final resource in --output, and the documented exit codes. */
class RunCommandIT {
    @TempDir
    Path dir;
    TestTarget target;
    final StringWriter out = new StringWriter();

    @BeforeEach
    void start() throws Exception {
        target = new TestTarget();
    }

    @AfterEach
    void stop() {
        target.close();
    }

    private int run(String spec, String... extra) throws Exception {
        Path file = dir.resolve("campaign.yaml");
        Files.writeString(file, """
                apiVersion: crescendo.dev/v1alpha1
                kind: LoadCampaign
                metadata: {name: cli}
                spec:
                """ + spec.formatted(target.baseUrl()).indent(2));
        CommandLine cli = CrescendoCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        String[] args = new String[2 + extra.length];
        args[0] = "run";
        args[1] = file.toString();
        System.arraycopy(extra, 0, args, 2, extra.length);
        return cli.execute(args);
    }

    @Test
    void aPassingCampaignExits0WithATableAndTheFinalResource() throws Exception {
        Path output = dir.resolve("out/final.yaml");
        int code = run("""
                target: {baseUrl: %s, preflight: {path: /ok}}
                scenario:
                  operations: [{name: get, request: {path: /ok}}]
                stages:
                  - {name: smoke, vus: 2, duration: 1s}
                  - {name: light, vus: 3, duration: 1s}
                """, "--output", output.toString());
        assertThat(code).as(out.toString()).isZero();
        assertThat(out.toString()).contains("stage        verdict").containsPattern("smoke\\s+PASSED").containsPattern("light\\s+PASSED")
                .contains("campaign cli: Succeeded (PASSED)");
        JsonNode written = new YAMLMapper().readTree(output.toFile());
        assertThat(written.path("kind").asText()).isEqualTo("LoadCampaign");
        assertThat(written.path("status").path("phase").asText()).isEqualTo("Succeeded");
        assertThat(written.path("status").path("stages").size()).isEqualTo(2);
        assertThat(written.path("status").path("stages").get(0).path("requests").asLong()).isPositive();
    }

    @Test
    void aFailedPreflightExits2() throws Exception {
        int code = run("""
                target: {baseUrl: %s, preflight: {path: /health/degraded, expectBody: {jsonPath: $.status, equals: ok}}}
                scenario:
                  operations: [{name: get, request: {path: /ok}}]
                stages: [{name: smoke, vus: 2, duration: 1s}]
                """);
        assertThat(code).isEqualTo(2);
        assertThat(out.toString()).contains("diagnosis: PreflightFailed").contains("'degraded'");
    }

    @Test
    void aFailingStageExits1() throws Exception {
        int code = run("""
                target: {baseUrl: %s}
                scenario:
                  operations: [{name: get, request: {path: /not-found}}]
                stages: [{name: smoke, vus: 2, duration: 1s}]
                thresholds: [{name: errors, errorRate: {}, fail: "1%%"}]
                """.replace("%%", "%%"));
        assertThat(code).isEqualTo(1);
        assertThat(out.toString()).containsPattern("smoke\\s+FAILED");
        assertThat(out.toString()).contains("diagnosis: ClientErrors: client errors: the scenario and the API disagree")
                .contains("no such thing");
    }

    @Test
    void anInvalidManifestExits2NamingTheField() throws Exception {
        int code = run("""
                target: {baseUrl: %s}
                scenario:
                  operations: [{name: get, request: {path: /ok}}]
                stages: [{name: smoke, vus: 0, duration: 1s}]
                """);
        assertThat(code).isEqualTo(2);
        assertThat(out.toString()).contains("spec.stages[0].vus: must be at least 1");
    }

    @Test
    void aManualCampaignStopsAtTheStageNobodyCanApproveLocally() throws Exception {
        int code = run("""
                target: {baseUrl: %s}
                scenario:
                  operations: [{name: get, request: {path: /ok}}]
                stages: [{name: smoke, vus: 1, duration: 1s}, {name: light, vus: 2, duration: 1s}]
                progression: {mode: Manual, approvedThrough: smoke}
                """);
        assertThat(code).isEqualTo(1);
        assertThat(out.toString()).contains("a local run cannot approve the next stage").containsPattern("smoke\\s+PASSED")
                .contains("campaign cli: AwaitingApproval");
    }

    @Test
    void aTargetOffLoopbackNeedsAllowTarget() throws Exception {
        int code = run("""
                target: {baseUrl: "http://198.51.100.7:8080"}
                scenario:
                  operations: [{name: get, request: {path: /ok}}]
                stages: [{name: smoke, vus: 1, duration: 1s}]
                """);
        assertThat(code).isEqualTo(2);
        assertThat(out.toString()).contains("spec.target.baseUrl: host 198.51.100.7 is not an allowed target of this operator"
                + " (allowed: loopback); --allow-target HOST adds hosts");
    }
}
