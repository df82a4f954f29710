package dev.crescendo.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.crescendo.api.LoadCampaign;
import dev.crescendo.api.LoadCampaignStatus.Phase;
import dev.crescendo.campaign.ManifestReader;
import dev.crescendo.loadgen.testing.TestTarget;
import dev.crescendo.local.EmbeddedApiServer;
import dev.crescendo.local.LocalJobRunner;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code crescendo operator} as the in-cluster process runs it: its own Kubernetes client from the
 * environment (here pointed at the embedded API server through Fabric8's system properties), its
 * flags, its HTTP port, the reconciler with the installation's allow-list; the local job runner
 * plays the kubelet. Leader election is off: the mock API server has no Lease semantics.
 */
class OperatorCommandIT {
    static final Map<String, String> CLIENT_PROPERTIES = Map.of("kubernetes.auth.tryKubeConfig", "false",
            "kubernetes.auth.tryServiceAccount", "false", "kubernetes.trust.certificates", "true");
    EmbeddedApiServer api;
    LocalJobRunner runner;
    TestTarget target;
    OperatorCommand command;
    CompletableFuture<Integer> exit;
    final StringWriter out = new StringWriter();
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        target = new TestTarget();
        api = new EmbeddedApiServer();
        api.ensureNamespace("default");
        api.ensureNamespace("perf");
        runner = new LocalJobRunner(api.client(), Clock.systemUTC(), s -> {}).start();
        System.setProperty("kubernetes.master", api.client().getConfiguration().getMasterUrl());
        CLIENT_PROPERTIES.forEach(System::setProperty);
        command = new OperatorCommand();
        exit = CompletableFuture.supplyAsync(() -> new CommandLine(command).setOut(new PrintWriter(out, true))
                .execute("--no-leader-election", "--port", "0", "--allowed-targets", "127.0.0.1,*.svc",
                        "--max-vus", "10", "--evaluation-interval", "1s"));
    }

    @AfterEach
    void stop() throws Exception {
        command.stop.countDown();
        assertThat(exit.get()).isZero();
        System.clearProperty("kubernetes.master");
        CLIENT_PROPERTIES.keySet().forEach(System::clearProperty);
        runner.close();
        api.close();
        target.close();
    }

    private int port() {
        await().atMost(Duration.ofSeconds(30)).until(() -> out.toString().contains("on port "));
        Matcher m = Pattern.compile("on port (\\d+)").matcher(out.toString());
        assertThat(m.find()).isTrue();
        return Integer.parseInt(m.group(1));
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private LoadCampaign apply(String name, String spec) throws Exception {
        LoadCampaign c = ManifestReader.parse("""
                apiVersion: crescendo.dev/v1alpha1
                kind: LoadCampaign
                metadata: {name: %s, namespace: perf}
                spec:
                """.formatted(name) + spec.indent(2)).get(0).campaign();
        return api.client().resource(c).create();
    }

    private LoadCampaign awaitEnd(String name) {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            LoadCampaign c = api.client().resources(LoadCampaign.class).inNamespace("perf").withName(name).get();
            return c.getStatus() != null && LocalCampaignRunner.FINAL.contains(c.getStatus().phase());
        });
        return api.client().resources(LoadCampaign.class).inNamespace("perf").withName(name).get();
    }

    @Test
    void runsCampaignsServesHealthAndMetricsAndEnforcesItsLimits() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/readyz").statusCode() == 200);
        assertThat(get("/healthz").statusCode()).isEqualTo(200);

        apply("ok", """
                target: {baseUrl: %s}
                scenario:
                  operations: [{name: get, request: {path: /ok}}]
                stages:
                  - {name: smoke, vus: 2, duration: 1s}
                  - {name: light, vus: 4, duration: 1s}
                thresholds:
                  - {name: errors, errorRate: {}, fail: "1%%"}
                """.formatted(target.baseUrl()));
        LoadCampaign ok = awaitEnd("ok");
        assertThat(ok.getStatus().phase()).as(ok.getStatus().message()).isEqualTo(Phase.Succeeded);

        apply("elsewhere", """
                target: {baseUrl: "http://api.example.com"}
                scenario:
                  operations: [{name: get, request: {path: /}}]
                stages:
                  - {name: huge, vus: 50, duration: 1s}
                """);
        LoadCampaign refused = awaitEnd("elsewhere");
        assertThat(refused.getStatus().phase()).isEqualTo(Phase.Invalid);
        assertThat(refused.getStatus().message())
                .contains("spec.target.baseUrl: host api.example.com is not an allowed target of this operator (allowed: 127.0.0.1, *.svc)")
                .contains("spec.stages[0].vus: 50 is over this operator's cap of 10 VUs per stage")
                .contains("Helm values allowedTargets and caps.*");
        assertThat(api.client().batch().v1().jobs().inNamespace("perf").withLabel("crescendo.dev/campaign", "elsewhere").list()
                .getItems()).isEmpty();

        String metrics = get("/metrics").body();
        assertThat(metrics).contains("crescendo_campaigns{phase=\"Succeeded\"} 1.0")
                .contains("crescendo_campaigns{phase=\"Invalid\"} 1.0")
                .contains("crescendo_stage_verdicts_total{campaign=\"ok\",namespace=\"perf\",stage=\"light\",verdict=\"PASSED\"} 1.0")
                .contains("crescendo_campaign_stages{campaign=\"ok\",namespace=\"perf\"} 2.0")
                .containsPattern("reconciliations_started_total\\{[^}]*controller_name=\"loadcampaign\"");
    }
}
