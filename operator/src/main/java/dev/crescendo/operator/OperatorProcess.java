package dev.crescendo.operator;

import dev.crescendo.reconciler.LoadCampaignReconciler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetricsV2;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.time.Clock;

/**
 * The in-cluster operator (DESIGN §8): the reconciler on a real API server, JOSDK's and
 * Crescendo's metrics on one registry, a Lease so that of several replicas only one runs
 * campaigns, the health endpoints. Status is patched without server-side apply, exactly as in
 * the tests.
 */
public final class OperatorProcess implements AutoCloseable {
    private final Operator operator;
    private final HealthServer http;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private volatile boolean started;

    public OperatorProcess(KubernetesClient client, OperatorSettings settings) throws IOException {
        operator = new Operator(o -> {
            o.withKubernetesClient(client)
                    .withUseSSAToPatchPrimaryResource(false)
                    .withSSABasedCreateUpdateMatchForDependentResources(false)
                    .withMetrics(MicrometerMetricsV2.newBuilder(registry).withNamespaceAsTag().build());
            if (settings.leaderElection()) {
                o.withLeaderElectionConfiguration(new LeaderElectionConfiguration(OperatorSettings.LEASE_NAME,
                        settings.leaseNamespace(), settings.identity()));
            }
        });
        operator.register(new LoadCampaignReconciler(client, settings.loadGeneratorImage(), Clock.systemUTC(),
                settings.policy(), registry), o -> {
            if (settings.watchNamespaces().isEmpty()) {
                o.watchingAllNamespaces();
            } else {
                o.settingNamespaces(settings.watchNamespaces());
            }
        });
        http = new HealthServer(settings.port(), registry, operator, () -> started);
    }

    public void start() {
        operator.start();
        started = true;
    }

    public int port() {
        return http.port();
    }

    @Override
    public void close() {
        operator.stop();
        http.close();
    }
}
