package dev.crescendo.cli;

import dev.crescendo.demo.DurationConverter;
import dev.crescendo.operator.OperatorProcess;
import dev.crescendo.operator.OperatorSettings;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code crescendo operator}: the in-cluster process. Every option also reads the environment
 * variable the Helm chart sets; the Kubernetes connection is the pod's service account (or
 * KUBECONFIG outside a cluster). Runs until SIGTERM, then stops the reconciler and the informers.
 */
@Command(name = "operator", mixinStandardHelpOptions = true,
        description = "Run the operator: reconcile LoadCampaigns in this cluster.")
public final class OperatorCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--namespaces", split = ",", defaultValue = "${env:CRESCENDO_WATCH_NAMESPACES}",
            description = "Namespaces to watch (comma-separated); none: all. Env CRESCENDO_WATCH_NAMESPACES.")
    List<String> namespaces = new ArrayList<>();

    @Option(names = "--allowed-targets", split = ",", defaultValue = "${env:CRESCENDO_ALLOWED_TARGETS:-*.svc,*.svc.cluster.local}",
            description = "Hosts campaigns may load: exact, *.suffix, loopback or *. Default: in-cluster services. Env CRESCENDO_ALLOWED_TARGETS.")
    List<String> allowedTargets;

    @Option(names = "--max-vus", defaultValue = "${env:CRESCENDO_MAX_VUS:-1000}", description = "Cap on VUs per stage. Env CRESCENDO_MAX_VUS.")
    int maxVUs;

    @Option(names = "--max-arrival-rate", defaultValue = "${env:CRESCENDO_MAX_ARRIVAL_RATE:-2000}",
            description = "Cap on requests/s per stage. Env CRESCENDO_MAX_ARRIVAL_RATE.")
    double maxArrivalRate;

    @Option(names = "--max-stage-duration", defaultValue = "${env:CRESCENDO_MAX_STAGE_DURATION:-30m}", converter = DurationConverter.class,
            description = "Cap on a stage's duration. Env CRESCENDO_MAX_STAGE_DURATION.")
    Duration maxStageDuration;

    @Option(names = "--default-prometheus-url", defaultValue = "${env:CRESCENDO_DEFAULT_PROMETHEUS_URL}",
            description = "Prometheus for campaigns with promql thresholds and no spec.prometheus. Env CRESCENDO_DEFAULT_PROMETHEUS_URL.")
    String defaultPrometheusUrl;

    @Option(names = "--evaluation-interval", defaultValue = "${env:CRESCENDO_EVALUATION_INTERVAL:-5s}", converter = DurationConverter.class,
            description = "Evaluation interval for campaigns that set none. Env CRESCENDO_EVALUATION_INTERVAL.")
    Duration evaluationInterval;

    @Option(names = "--loadgen-image", defaultValue = "${env:CRESCENDO_LOADGEN_IMAGE:-ghcr.io/crescendo-dev/crescendo:0.1.0}",
            description = "Image of the stage Jobs (the operator's own). Env CRESCENDO_LOADGEN_IMAGE.")
    String loadgenImage;

    @Option(names = "--leader-election", negatable = true, defaultValue = "${env:CRESCENDO_LEADER_ELECTION:-true}", fallbackValue = "true",
            description = "Take the Lease crescendo-operator before reconciling (several replicas). Env CRESCENDO_LEADER_ELECTION.")
    boolean leaderElection;

    @Option(names = "--lease-namespace", defaultValue = "${env:POD_NAMESPACE:-default}", description = "Namespace of the Lease. Env POD_NAMESPACE.")
    String leaseNamespace;

    @Option(names = "--identity", defaultValue = "${env:POD_NAME:-crescendo-operator}", description = "This replica's name in the Lease. Env POD_NAME.")
    String identity;

    @Option(names = "--port", defaultValue = "${env:CRESCENDO_PORT:-8080}", description = "Port of /metrics, /healthz, /readyz.")
    int port;

    /** Counted down by the SIGTERM hook; tests count it down to stop a running command. */
    final CountDownLatch stop = new CountDownLatch(1);

    @Override
    public Integer call() throws Exception {
        OperatorSettings settings = new OperatorSettings(new LinkedHashSet<>(namespaces == null ? List.of() : namespaces),
                OperatorSettings.policy(allowedTargets, maxVUs, maxArrivalRate, maxStageDuration, defaultPrometheusUrl,
                        evaluationInterval), loadgenImage, leaderElection, leaseNamespace, identity, port);
        try (KubernetesClient client = new KubernetesClientBuilder().build();
             OperatorProcess process = new OperatorProcess(client, settings)) {
            Thread hook = new Thread(stop::countDown, "crescendo-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            process.start();
            spec.commandLine().getOut().printf("crescendo operator: watching %s, /metrics /healthz /readyz on port %d%s%n",
                    settings.watchNamespaces().isEmpty() ? "all namespaces" : String.join(",", settings.watchNamespaces()),
                    process.port(), leaderElection ? ", leader election on Lease " + leaseNamespace + "/" + OperatorSettings.LEASE_NAME : "");
            spec.commandLine().getOut().flush();
            stop.await();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down: the hook is what brought us here
            }
        }
        return 0;
    }
}
