package dev.crescendo.local;

import dev.crescendo.api.LoadCampaign;
import dev.crescendo.loadgen.config.ConfigException;
import dev.crescendo.loadgen.config.ConfigLoader;
import dev.crescendo.loadgen.config.SecretVariables;
import dev.crescendo.loadgen.config.StageConfig;
import dev.crescendo.loadgen.engine.StagePlan;
import dev.crescendo.loadgen.engine.StageRun;
import dev.crescendo.loadgen.metrics.StatusServer;
import dev.crescendo.loadgen.report.LiveSnapshot;
import dev.crescendo.loadgen.report.Summary;
import dev.crescendo.loadgen.report.SummaryJson;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Plays the Job controller, the kubelet and the garbage collector for the embedded API server:
 * for each stage Job it creates the Pod, runs that stage's load generator in-process, and writes
 * back what a kubelet would (pod phase, loopback IP, the termination message with the summary) and
 * the Job's status. Deleting a Job stops its load at once; deleting a campaign deletes its Jobs.
 */
public final class LocalJobRunner implements AutoCloseable {
    private static final String MANAGED = "app.kubernetes.io/managed-by";

    private final KubernetesClient client;
    private final Clock clock;
    private final Consumer<LiveSnapshot> progress;
    private final ExecutorService stages = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "crescendo-local-stage");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, StageRun> running = new ConcurrentHashMap<>();
    private final Set<String> deleted = ConcurrentHashMap.newKeySet();
    private SharedIndexInformer<Job> jobs;
    private SharedIndexInformer<LoadCampaign> campaigns;

    public LocalJobRunner(KubernetesClient client, Clock clock, Consumer<LiveSnapshot> progress) {
        this.client = client;
        this.clock = clock;
        this.progress = progress;
    }

    public LocalJobRunner start() {
        jobs = client.batch().v1().jobs().inAnyNamespace().withLabel(MANAGED, "crescendo").inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Job job) {
                if (job.getStatus() == null || job.getStatus().getStartTime() == null) {
                    stages.submit(() -> run(job));
                }
            }

            @Override
            public void onUpdate(Job before, Job after) {
                // status written by this runner
            }

            @Override
            public void onDelete(Job job, boolean unknownFinalState) {
                deleted.add(job.getMetadata().getUid());
                StageRun run = running.get(job.getMetadata().getUid());
                if (run != null) {
                    // What the kubelet does to a deleted Job's pod: SIGTERM; the pod goes once the generator exited.
                    run.abort("terminated (SIGTERM)");
                } else {
                    client.pods().inNamespace(job.getMetadata().getNamespace())
                            .withLabel("job-name", job.getMetadata().getName()).delete();
                }
            }
        });
        campaigns = client.resources(LoadCampaign.class).inAnyNamespace().inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(LoadCampaign c) {
            }

            @Override
            public void onUpdate(LoadCampaign before, LoadCampaign after) {
            }

            @Override
            public void onDelete(LoadCampaign c, boolean unknownFinalState) {
                // Garbage collection of owned Jobs, which the mock server does not do.
                client.batch().v1().jobs().inNamespace(c.getMetadata().getNamespace())
                        .withLabel("crescendo.dev/campaign", c.getMetadata().getName()).delete();
            }
        });
        return this;
    }

    private void run(Job job) {
        String ns = job.getMetadata().getNamespace();
        String name = job.getMetadata().getName();
        String now = clock.instant().toString();
        client.batch().v1().jobs().inNamespace(ns).withName(name).editStatus(j -> {
            j.setStatus(new io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder().withStartTime(now).withActive(1).build());
            return j;
        });
        Summary summary = null;
        String failure = null;
        StageRun run = null;
        StatusServer status = null;
        try {
            // What the kubelet does with env valueFrom: the Secret's value, in this stage's memory only.
            var resolved = SecretVariables.resolve(stageConfig(job), secretEnv(job)::get);
            run = new StageRun(StagePlan.of(resolved.config()).withSecrets(resolved.secrets()), 0, progress);
            // The pod's /snapshot and /metrics, on loopback, at the port published in the pod's "metrics" container port.
            status = new StatusServer("127.0.0.1", 0, run.metrics(), run::snapshotJson);
        } catch (ConfigException e) {
            failure = "bad stage config: " + e.getMessage();
        } catch (Exception e) {
            failure = e.toString();
        }
        Pod pod = client.resource(pod(job, now, status == null ? null : status.port())).create();
        String podName = pod.getMetadata().getName();
        if (run != null) {
            try {
                running.put(job.getMetadata().getUid(), run);
                if (deleted.contains(job.getMetadata().getUid())) {
                    run.abort("terminated (SIGTERM)"); // deleted before it started
                }
                summary = run.run();
            } catch (Exception e) {
                failure = e.toString();
            } finally {
                running.remove(job.getMetadata().getUid());
                if (status != null) {
                    status.close();
                }
            }
        }
        String message = summary != null ? SummaryJson.write(summary) : failure;
        int exitCode = summary == null ? 1 : summary.abortReason() == null ? 0 : 3;
        String finished = clock.instant().toString();
        client.pods().inNamespace(ns).withName(podName).editStatus(p -> {
            p.getStatus().setPhase(exitCode == 0 ? "Succeeded" : "Failed");
            p.getStatus().setContainerStatuses(List.of(new ContainerStatusBuilder().withName("loadgen").withReady(false)
                    .withNewState().withNewTerminated().withExitCode(exitCode).withReason(exitCode == 0 ? "Completed" : "Error")
                    .withMessage(message).withStartedAt(now).withFinishedAt(finished).endTerminated().endState().build()));
            return p;
        });
        if (deleted.remove(job.getMetadata().getUid())) {
            client.pods().inNamespace(ns).withName(podName).delete(); // the Job is gone: so goes its pod
            return;
        }
        client.batch().v1().jobs().inNamespace(ns).withName(name).editStatus(j -> {
            j.getStatus().setActive(0);
            if (exitCode == 0) {
                j.getStatus().setSucceeded(1);
                j.getStatus().setCompletionTime(finished);
                j.getStatus().setConditions(List.of(new JobConditionBuilder().withType("Complete").withStatus("True").build()));
            } else {
                j.getStatus().setFailed(1);
                j.getStatus().setConditions(List.of(new JobConditionBuilder().withType("Failed").withStatus("True")
                        .withReason("BackoffLimitExceeded").withMessage("Job has reached the specified backoff limit").build()));
            }
            return j;
        });
    }

    /**
     * The stage config from the container's arguments; the summary is returned directly instead of a
     * termination-log file, and the status endpoint is served by this runner on loopback.
     */
    private static StageConfig stageConfig(Job job) throws ConfigException {
        List<String> args = job.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs();
        int at = args.indexOf("--config-json");
        if (at < 0 || at + 1 >= args.size()) {
            throw new ConfigException("the Job's container has no --config-json argument");
        }
        StageConfig c = ConfigLoader.parse(args.get(at + 1), true);
        return new StageConfig(c.campaign(), c.namespace(), c.target(), c.scenario(), c.stage(), c.thresholds(),
                c.thresholdWindow(), c.fastFail(), null, null);
    }

    private static Pod pod(Job job, String now, Integer statusPort) {
        var labels = new java.util.HashMap<>(job.getSpec().getTemplate().getMetadata().getLabels());
        labels.put("job-name", job.getMetadata().getName());
        labels.put("controller-uid", job.getMetadata().getUid());
        return new PodBuilder()
                .withNewMetadata()
                    .withName(job.getMetadata().getName() + "-" + UUID.randomUUID().toString().substring(0, 5))
                    .withNamespace(job.getMetadata().getNamespace())
                    .withLabels(labels)
                    .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("batch/v1").withKind("Job")
                            .withName(job.getMetadata().getName()).withUid(job.getMetadata().getUid()).withController(true).build())
                .endMetadata()
                .withSpec(withStatusPort(job.getSpec().getTemplate().getSpec(), statusPort))
                .withNewStatus()
                    .withPhase("Running").withPodIP("127.0.0.1").withStartTime(now)
                    .withContainerStatuses(new ContainerStatusBuilder().withName("loadgen").withReady(true)
                            .withNewState().withNewRunning().withStartedAt(now).endRunning().endState().build())
                .endStatus()
                .build();
    }

    /** The stage container's environment variables that come from Secrets, resolved through the API. */
    private Map<String, String> secretEnv(Job job) {
        Map<String, String> env = new java.util.HashMap<>();
        var container = job.getSpec().getTemplate().getSpec().getContainers().get(0);
        for (var e : container.getEnv() == null ? List.<io.fabric8.kubernetes.api.model.EnvVar>of() : container.getEnv()) {
            var ref = e.getValueFrom() == null ? null : e.getValueFrom().getSecretKeyRef();
            if (ref == null) {
                continue;
            }
            var secret = client.secrets().inNamespace(job.getMetadata().getNamespace()).withName(ref.getName()).get();
            String encoded = secret == null || secret.getData() == null ? null : secret.getData().get(ref.getKey());
            if (encoded != null) {
                env.put(e.getName(), new String(java.util.Base64.getDecoder().decode(encoded), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return env;
    }

    private static PodSpec withStatusPort(PodSpec template, Integer port) {
        PodSpec spec = new PodSpecBuilder(template).build();
        if (port != null) {
            spec.getContainers().get(0).setPorts(List.of(new ContainerPortBuilder().withName("metrics").withContainerPort(port).build()));
        }
        return spec;
    }

    @Override
    public void close() {
        running.values().forEach(r -> r.abort("terminated (SIGTERM)"));
        if (jobs != null) {
            jobs.close();
        }
        if (campaigns != null) {
            campaigns.close();
        }
        stages.shutdownNow();
    }
}
