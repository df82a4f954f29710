package dev.crescendo.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.crescendo.api.LoadCampaign;
import dev.crescendo.api.LoadCampaignStatus;
import dev.crescendo.api.LoadCampaignStatus.Phase;
import dev.crescendo.campaign.ManifestReader;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The demo scenario on a real cluster (the {@code e2e} profile): the chart installed with the
 * operator's image, a demo target deployed from the same image into a fresh namespace, the demo
 * campaign pointed at its Service. Asserts what {@code crescendo demo} asserts locally: early stages
 * pass, the saturating pool halts the last one with PoolSaturation, the stage Jobs are gone.
 * Skipped when KUBECONFIG reaches no cluster or the CRD is not installed.
 */
class ClusterCampaignE2E {
    static final Set<Phase> FINAL = Set.of(Phase.Succeeded, Phase.Failed, Phase.Halted, Phase.Invalid);
    KubernetesClient client;
    String ns;

    @BeforeEach
    void connect() {
        client = new KubernetesClientBuilder().build();
        try {
            client.getKubernetesVersion();
        } catch (RuntimeException e) {
            client.close();
            Assumptions.abort("no Kubernetes cluster reachable through KUBECONFIG: " + e.getMessage());
        }
        Assumptions.assumeTrue(client.apiextensions().v1().customResourceDefinitions()
                .withName("loadcampaigns.crescendo.dev").get() != null, "the chart (CRD and operator) is not installed");
        ns = "crescendo-e2e-" + UUID.randomUUID().toString().substring(0, 6);
        client.resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
    }

    @AfterEach
    void cleanUp() {
        if (ns != null) {
            client.namespaces().withName(ns).delete();
        }
        client.close();
    }

    @Test
    void theDemoCampaignHaltsOnTheSaturatingPoolInACluster() throws Exception {
        String image = System.getProperty("crescendo.image", "ghcr.io/crescendo-dev/crescendo:0.1.0");
        client.load(new java.io.ByteArrayInputStream("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: demo, namespace: %1$s}
                spec:
                  selector: {matchLabels: {app: demo}}
                  template:
                    metadata: {labels: {app: demo}}
                    spec:
                      containers:
                        - name: demo
                          image: %2$s
                          args: [demo-target, --port, "8080", --pool-size, "8", --query-cost, 25ms]
                          ports: [{containerPort: 8080}]
                          readinessProbe: {httpGet: {path: /api/v1/health, port: 8080}}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: demo, namespace: %1$s}
                spec:
                  selector: {app: demo}
                  ports: [{port: 8080, targetPort: 8080}]
                """.formatted(ns, image).getBytes())).serverSideApply();
        client.apps().deployments().inNamespace(ns).withName("demo").waitUntilReady(3, java.util.concurrent.TimeUnit.MINUTES);

        String url = "http://demo." + ns + ".svc.cluster.local:8080";
        String manifest = Files.readString(Path.of("../examples/demo.yaml")).replace("http://127.0.0.1:8080", url)
                .replace("namespace: default", "namespace: " + ns);
        LoadCampaign campaign = ManifestReader.parse(manifest).get(0).campaign();
        client.resource(campaign).create();

        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            LoadCampaign c = client.resources(LoadCampaign.class).inNamespace(ns).withName("demo").get();
            return c.getStatus() != null && FINAL.contains(c.getStatus().phase());
        });
        LoadCampaignStatus s = client.resources(LoadCampaign.class).inNamespace(ns).withName("demo").get().getStatus();
        assertThat(s.phase()).as(s.message()).isEqualTo(Phase.Halted);
        assertThat(s.breach().threshold()).isEqualTo("pool");
        assertThat(s.diagnosis().cause()).isEqualTo("PoolSaturation");
        assertThat(client.batch().v1().jobs().inNamespace(ns).list().getItems())
                .noneMatch(j -> j.getStatus() != null && j.getStatus().getActive() != null && j.getStatus().getActive() > 0);
    }
}
