package dev.crescendo.local;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.io.InputStream;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A Kubernetes API on loopback for running campaigns without a cluster (DESIGN §7): the Fabric8
 * mock server in CRUD mode, with the LoadCampaign CRD installed (so status is a subresource). It
 * has no controllers and no kubelet: {@link LocalJobRunner} plays those.
 */
public final class EmbeddedApiServer implements AutoCloseable {
    private static final String CRD = "/META-INF/fabric8/loadcampaigns.crescendo.dev-v1.yml";
    /** The mock server logs every request at INFO through java.util.logging; held so the setting sticks. */
    private static final java.util.logging.Logger MOCK_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    private final KubernetesMockServer server;
    private final KubernetesClient client;
    private final ScheduledExecutorService janitor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "crescendo-api-janitor");
        t.setDaemon(true);
        return t;
    });

    public EmbeddedApiServer() {
        MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        server = new KubernetesMockServer(new Context(Serialization.jsonMapper()), new MockWebServer(), responses,
                new KubernetesMixedDispatcher(responses), false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        client = server.createClient();
        // The mock server keeps every request it served; drop them so long campaigns do not grow memory.
        janitor.scheduleWithFixedDelay(this::forgetRequests, 5, 5, TimeUnit.SECONDS);
        try (InputStream in = EmbeddedApiServer.class.getResourceAsStream(CRD)) {
            client.resource(Serialization.unmarshal(in, CustomResourceDefinition.class)).create();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot read the bundled CRD " + CRD, e);
        }
    }

    public KubernetesClient client() {
        return client;
    }

    public void ensureNamespace(String name) {
        if (client.namespaces().withName(name).get() == null) {
            client.resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build()).create();
        }
    }

    private void forgetRequests() {
        try {
            while (server.takeRequest(0, TimeUnit.MILLISECONDS) != null) {
                // discard
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        janitor.shutdownNow();
        client.close();
        server.destroy();
    }
}
