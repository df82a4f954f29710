package dev.crescendo.reconciler;

import static org.awaitility.Awaitility.await;

import dev.crescendo.api.LoadCampaign;
import dev.crescendo.api.LoadCampaignStatus;
import dev.crescendo.api.LoadCampaignStatus.Phase;
import dev.crescendo.campaign.ManifestReader;
import dev.crescendo.local.LocalCluster;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/** Applies campaigns to a {@link LocalCluster} and waits on their status, for the integration tests. */
final class LocalCampaigns implements AutoCloseable {
    static final String NS = "perf";
    static final Phase[] FINAL = {Phase.Succeeded, Phase.Failed, Phase.Halted, Phase.Invalid};
    final LocalCluster cluster;

    LocalCampaigns() throws Exception {
        cluster = new LocalCluster(s -> {});
        cluster.ensureNamespace(NS);
    }

    /** Creates a campaign from the YAML of its {@code spec}. */
    LoadCampaign apply(String name, String spec) throws Exception {
        LoadCampaign c = ManifestReader.parse("""
                apiVersion: crescendo.dev/v1alpha1
                kind: LoadCampaign
                metadata: {name: %s, namespace: %s}
                spec:
                """.formatted(name, NS) + spec.indent(2)).get(0).campaign();
        return cluster.client().resource(c).create();
    }

    LoadCampaignStatus status(String name) {
        LoadCampaign c = cluster.get(NS, name);
        return c == null ? null : c.getStatus();
    }

    LoadCampaignStatus awaitStatus(String name, Duration atMost, Predicate<LoadCampaignStatus> condition) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(100)).until(() -> {
            LoadCampaignStatus s = status(name);
            return s != null && condition.test(s);
        });
        return status(name);
    }

    LoadCampaignStatus awaitEnd(String name, Duration atMost) {
        return awaitStatus(name, atMost, s -> List.of(FINAL).contains(s.phase()));
    }

    @Override
    public void close() {
        cluster.close();
    }
}
