package dev.crescendo.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LoadState;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.compiler.LuaC;
import org.luaj.vm2.lib.PackageLib;
import org.luaj.vm2.lib.StringLib;
import org.luaj.vm2.lib.TableLib;
import org.luaj.vm2.lib.jse.JseBaseLib;
import org.luaj.vm2.lib.jse.JseMathLib;

/**
 * The Argo CD health check (helm/crescendo/argocd/loadcampaign-health.lua) run by a real Lua interpreter on
 * LoadCampaigns as Argo CD would hand them over: the live object, converted from JSON, in the global {@code obj}.
 */
class ArgoCdHealthCheckTest {
    static final Path SCRIPT = Charts.CHART.resolve("argocd/loadcampaign-health.lua");

    record Health(String status, String message) {}

    @Test
    void noStatusYetIsProgressing() throws Exception {
        assertThat(check("""
                apiVersion: crescendo.dev/v1alpha1
                kind: LoadCampaign
                metadata: {name: chat, namespace: perf, generation: 1}
                spec: {target: {baseUrl: "http://chat.perf.svc:8080"}}
                """).status()).isEqualTo("Progressing");
    }

    @Test
    void pendingPreflightAndRunningAreProgressing() throws Exception {
        assertThat(check(campaign(1, "{phase: Pending}")).status()).isEqualTo("Progressing");
        assertThat(check(campaign(1, "{phase: Preflight}")).status()).isEqualTo("Progressing");
        assertThat(check(campaign(1, "{phase: Running, currentStage: medium}")))
                .isEqualTo(new Health("Progressing", "Running stage medium"));
        assertThat(check(campaign(1, "{phase: Running, currentStage: medium, message: 'stage medium (3/5) running'}")))
                .isEqualTo(new Health("Progressing", "stage medium (3/5) running"));
    }

    @Test
    void awaitingApprovalIsSuspended() throws Exception {
        Health health = check(campaign(2, "{observedGeneration: 2, phase: AwaitingApproval, currentStage: medium}"));
        assertThat(health.status()).isEqualTo("Suspended");
        assertThat(health.message()).isEqualTo("Awaiting approval to go on after stage medium");
        assertThat(check(campaign(2, "{observedGeneration: 2, phase: AwaitingApproval, message: 'approve stage heavy'}")))
                .isEqualTo(new Health("Suspended", "approve stage heavy"));
    }

    @Test
    void succeededIsHealthyAndSaysTheVerdict() throws Exception {
        assertThat(check(campaign(1, "{observedGeneration: 1, phase: Succeeded, verdict: PASSED}")))
                .isEqualTo(new Health("Healthy", "Succeeded with verdict PASSED"));
        Health marginal = check(campaign(1,
                "{observedGeneration: 1, phase: Succeeded, verdict: MARGINAL, message: 'threshold pool crossed its warn level'}"));
        assertThat(marginal.status()).isEqualTo("Healthy");
        assertThat(marginal.message()).isEqualTo("Succeeded with verdict MARGINAL: threshold pool crossed its warn level");
    }

    @Test
    void failedHaltedAndInvalidAreDegradedWithTheStatusMessage() throws Exception {
        assertThat(check(campaign(1, "{observedGeneration: 1, phase: Failed, verdict: INCONCLUSIVE, "
                + "message: 'preflight failed: connection refused'}")))
                .isEqualTo(new Health("Degraded", "preflight failed: connection refused"));
        assertThat(check(campaign(1, "{observedGeneration: 1, phase: Halted, verdict: FAILED, currentStage: peak, "
                + "message: 'threshold pool breached in stage peak', "
                + "breach: {stage: peak, threshold: pool, observed: '1.0', limit: '0.95'}}")))
                .isEqualTo(new Health("Degraded", "threshold pool breached in stage peak"));
        assertThat(check(campaign(1, "{observedGeneration: 1, phase: Invalid, "
                + "message: 'spec.stages[2].vus: 5000 is over the limit of 1000 VUs (caps.maxVUs)'}")))
                .isEqualTo(new Health("Degraded", "spec.stages[2].vus: 5000 is over the limit of 1000 VUs (caps.maxVUs)"));
        assertThat(check(campaign(1, "{observedGeneration: 1, phase: Halted}"))).isEqualTo(new Health("Degraded", "Halted"));
    }

    @Test
    void aStatusOfAnOlderSpecIsProgressing() throws Exception {
        // A new commit changed the spec (generation 3); the operator has not started the new run yet.
        assertThat(check(campaign(3, "{observedGeneration: 2, phase: Succeeded, verdict: PASSED}")).status())
                .isEqualTo("Progressing");
    }

    @Test
    void readmeShowsTheScriptAsItIsForArgocdCm() throws Exception {
        String readme = Files.readString(Charts.CHART.resolve("README.md"));
        String indented = Files.readString(SCRIPT).lines()
                .map(l -> l.isEmpty() ? "" : "    " + l)
                .collect(Collectors.joining("\n"));
        assertThat(readme)
                .as("helm/crescendo/README.md must show argocd/loadcampaign-health.lua verbatim (indented by 4)")
                .contains("resource.customizations.health.crescendo.dev_LoadCampaign: |\n" + indented);
    }

    // ---- helpers ----------------------------------------------------------------------------------

    static String campaign(long generation, String status) {
        return """
                apiVersion: crescendo.dev/v1alpha1
                kind: LoadCampaign
                metadata: {name: chat, namespace: perf, generation: %d}
                spec: {target: {baseUrl: "http://chat.perf.svc:8080"}}
                status: %s
                """.formatted(generation, status);
    }

    /**
     * Runs the script with only the libraries Argo CD's Lua VM offers the health scripts (base, table,
     * string, math; no os or io), as Argo CD does: {@code obj} global, the chunk returns the health table.
     */
    static Health check(String yaml) throws Exception {
        Globals globals = new Globals();
        globals.load(new JseBaseLib());
        globals.load(new PackageLib());
        globals.load(new TableLib());
        globals.load(new StringLib());
        globals.load(new JseMathLib());
        LoadState.install(globals);
        LuaC.install(globals);
        globals.set("obj", toLua(Charts.YAML.readTree(yaml)));
        LuaValue health = globals.load(Files.readString(SCRIPT), SCRIPT.getFileName().toString()).call();
        assertThat(health.istable()).as("the script returns a table").isTrue();
        assertThat(health.get("status").isstring()).as("hs.status is set").isTrue();
        assertThat(health.get("status").tojstring()).isIn("Healthy", "Progressing", "Degraded", "Suspended", "Missing", "Unknown");
        return new Health(health.get("status").tojstring(), health.get("message").optjstring(null));
    }

    /** JSON to Lua as Argo CD converts it: objects and arrays to tables (arrays 1-based), numbers to floats. */
    static LuaValue toLua(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return LuaValue.NIL;
        } else if (node.isObject()) {
            LuaTable table = new LuaTable();
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                table.set(e.getKey(), toLua(e.getValue()));
            }
            return table;
        } else if (node.isArray()) {
            LuaTable table = new LuaTable();
            for (int i = 0; i < node.size(); i++) {
                table.set(i + 1, toLua(node.get(i)));
            }
            return table;
        } else if (node.isNumber()) {
            return LuaValue.valueOf(node.asDouble());
        } else if (node.isBoolean()) {
            return LuaValue.valueOf(node.asBoolean());
        }
        return LuaValue.valueOf(node.asText());
    }
}
