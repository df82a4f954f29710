package dev.crescendo.operator;

import dev.crescendo.campaign.OperatorPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * How one operator installation runs (from flags or the environment the Helm chart sets).
 *
 * @param watchNamespaces    empty: every namespace
 * @param loadGeneratorImage the image stage Jobs run (the operator's own by default)
 * @param leaderElection     take the Lease {@code crescendo-operator} in {@code leaseNamespace} before reconciling
 * @param identity           this replica's name in the Lease (the pod name)
 * @param port               /metrics, /healthz and /readyz
 */
public record OperatorSettings(Set<String> watchNamespaces, OperatorPolicy policy, String loadGeneratorImage,
                               boolean leaderElection, String leaseNamespace, String identity, int port) {
    public static final String LEASE_NAME = "crescendo-operator";

    public static OperatorPolicy policy(List<String> allowedTargets, Integer maxVUs, Double maxArrivalRate,
                                        Duration maxStageDuration, String defaultPrometheusUrl, Duration evaluationInterval) {
        return new OperatorPolicy(allowedTargets, maxVUs, maxArrivalRate, maxStageDuration,
                defaultPrometheusUrl == null || defaultPrometheusUrl.isBlank() ? null : defaultPrometheusUrl, evaluationInterval,
                "the operator's settings (Helm values allowedTargets and caps.*)");
    }
}
