package dev.crescendo.local;

import dev.crescendo.api.LoadCampaign;
import dev.crescendo.campaign.OperatorPolicy;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import dev.crescendo.loadgen.report.LiveSnapshot;
import dev.crescendo.reconciler.LoadCampaignReconciler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * The real operator against the embedded API server, with the local job runner: everything
 * {@code crescendo run} and the operator tests need, started and stopped together.
 */
public final class LocalCluster implements AutoCloseable {
    /** The image name stage Jobs carry; the local runner runs the generator in-process whatever it says. */
    public static final String LOCAL_IMAGE = "crescendo:local";

    private final EmbeddedApiServer api;
    private final LocalJobRunner runner;
    private final OperatorPolicy policy;
    private Operator operator;

    /** With the workstation policy: targets on loopback only. */
    public LocalCluster(Consumer<LiveSnapshot> progress) {
        this(progress, OperatorPolicy.local(java.util.List.of()));
    }

    public LocalCluster(Consumer<LiveSnapshot> progress, OperatorPolicy policy) {
        this.policy = policy;
        api = new EmbeddedApiServer();
        // Something must exist before informers start: the mock answers an empty list with resourceVersion
        // "0", which JOSDK's resource-version comparison rejects.
        api.ensureNamespace("default");
        runner = new LocalJobRunner(api.client(), Clock.systemUTC(), progress).start();
        startOperator();
    }

    /** Starts (or, after {@link #stopOperator}, restarts) the operator, as a new process would. */
    public void startOperator() {
        KubernetesClient client = api.client();
        operator = new Operator(o -> o.withKubernetesClient(client)
                .withUseSSAToPatchPrimaryResource(false)
                .withSSABasedCreateUpdateMatchForDependentResources(false)
                .withCloseClientOnStop(false));
        operator.register(new LoadCampaignReconciler(client, LOCAL_IMAGE, Clock.systemUTC(), policy, new SimpleMeterRegistry()),
                o -> o.watchingAllNamespaces());
        operator.start();
    }

    public void stopOperator() {
        if (operator != null) {
            operator.stop();
            operator = null;
        }
    }

    public KubernetesClient client() {
        return api.client();
    }

    public void ensureNamespace(String name) {
        api.ensureNamespace(name);
    }

    public LoadCampaign get(String namespace, String name) {
        return api.client().resources(LoadCampaign.class).inNamespace(namespace).withName(name).get();
    }

    @Override
    public void close() {
        stopOperator();
        runner.close();
        api.close();
    }
}
