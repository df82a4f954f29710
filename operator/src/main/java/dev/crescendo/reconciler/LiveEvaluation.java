package dev.crescendo.reconciler;

import dev.crescendo.api.LoadCampaign;
import dev.crescendo.api.LoadCampaignStatus;
import dev.crescendo.api.LoadCampaignStatus.StagePhase;
import dev.crescendo.api.LoadCampaignStatus.StageStatus;
import dev.crescendo.api.LoadCampaignStatus.ThresholdResult;
import dev.crescendo.api.LoadCampaignStatus.Verdict;
import dev.crescendo.campaign.StageWatch;
import dev.crescendo.loadgen.report.LiveSnapshot;
import dev.crescendo.metrics.ExpositionScraper;
import dev.crescendo.metrics.GeneratorSnapshotClient;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Watches running stages (DESIGN §5): every {@code halt.evaluationInterval} it reads the load
 * generator's snapshot from its pod and the sources of the thresholds the operator judges itself,
 * shows the numbers in the stage's status, and on a breach (or metrics missing for too long)
 * deletes the stage Job at once — its pod gets SIGTERM and the generator stops sending — and
 * records the breach. {@link HaltStageStep} then waits for the load to have stopped.
 */
final class LiveEvaluation {
    static final Duration HALT_POLL = Duration.ofMillis(500);
    private static final Duration FORGET_AFTER = Duration.ofMinutes(30);

    private final Map<String, StageMonitor> monitors = new ConcurrentHashMap<>();
    private final Map<String, Instant> touched = new ConcurrentHashMap<>();
    private final GeneratorSnapshotClient snapshots = new GeneratorSnapshotClient(Duration.ofSeconds(2));
    private final ExpositionScraper scraper = new ExpositionScraper(Duration.ofSeconds(5));
    private final Clock clock;
    private final CampaignEvents events;

    LiveEvaluation(Clock clock, CampaignEvents events) {
        this.clock = clock;
        this.events = events;
    }

    /** Called while the stage's Job runs: evaluates when due; the answer says when to look again. */
    Progress watch(LoadCampaign c, StatusDraft s, int stageIndex, String jobName, List<Pod> pods, KubernetesClient client) {
        Instant now = clock.instant();
        forgetStale(now);
        String key = key(c, s.run, s.currentStage);
        StageStatus recorded = s.stage(s.currentStage);
        StageMonitor m = monitors.computeIfAbsent(key, k -> new StageMonitor(c, s.run, c.getSpec().stages().get(stageIndex),
                Instant.parse(recorded.startedAt()), token(c, client), now));
        touched.put(key, now);
        if (!m.due(now)) {
            return Progress.requeue(m.untilNext(now));
        }
        Pod pod = pods.stream().filter(p -> p.getStatus() != null && p.getStatus().getPodIP() != null
                && "Running".equals(p.getStatus().getPhase())).findFirst().orElse(null);
        // A pod still being scheduled or pulling its image sends no load yet: nothing to judge, nothing missing.
        GeneratorSnapshotClient.Result snap = pod == null ? new GeneratorSnapshotClient.Result(null, null)
                : snapshots.read(pod.getStatus().getPodIP(), metricsPort(pod));
        Optional<StageWatch.Halt> halt = m.evaluate(snap.snapshot(), snap.unavailableReason(), scraper, now);
        LiveSnapshot last = m.lastSnapshot();
        s.putStage(StageRecords.live(recorded, last == null ? null : last.total().requests(),
                last == null || last.window() == null ? null : Math.round(last.window().throughputPerSecond() * 10) / 10.0,
                liveThresholds(m.watch)));
        if (halt.isPresent()) {
            return halt(c, s, jobName, halt.get(), client);
        }
        return Progress.requeue(m.untilNext(now));
    }

    /** The stage ended or was halted: its monitor, or null when this operator never watched it (restarted). */
    StageMonitor finish(LoadCampaign c, int run, String stage) {
        touched.remove(key(c, run, stage));
        StageMonitor m = monitors.remove(key(c, run, stage));
        if (m != null) {
            m.close();
        }
        return m;
    }

    /** Stops the running stage now: deletes its Job, records the breach; {@link HaltStageStep} waits for the load to stop. */
    Progress halt(LoadCampaign c, StatusDraft s, String jobName, StageWatch.Halt h, KubernetesClient client) {
        Instant now = clock.instant();
        // Stop the load first: every second counts, the status can follow.
        client.batch().v1().jobs().inNamespace(c.getMetadata().getNamespace()).withName(jobName)
                .withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
        s.breach = new LoadCampaignStatus.Breach(s.currentStage, h.threshold(), h.observed(), h.limit(), now.toString(), null);
        s.message = "halting stage " + s.currentStage + ": " + h.reason();
        s.putStage(StageRecords.withPhase(s.stage(s.currentStage), StagePhase.Halting, h.reason()));
        events.warning(c, h.metricsUnavailable() ? "MetricsUnavailable"
                : KillSwitchStep.THRESHOLD.equals(h.threshold()) ? "KillSwitch" : "ThresholdBreached", s.message);
        return Progress.requeue(HALT_POLL);
    }

    static List<ThresholdResult> liveThresholds(StageWatch watch) {
        List<ThresholdResult> out = watch.states().stream().map(t -> new ThresholdResult(t.name(),
                t.observed() != null ? StageWatch.format(t.observed()) : "unavailable: " + t.reason(), t.limit(),
                switch (t.state()) {
                    case OK -> Verdict.PASSED;
                    case WARN -> Verdict.MARGINAL;
                    case FAIL -> Verdict.FAILED;
                    case UNAVAILABLE -> Verdict.INCONCLUSIVE;
                })).toList();
        return out.isEmpty() ? null : out;
    }

    static List<ThresholdResult> finalThresholds(StageMonitor m) {
        return m == null ? List.of() : m.watch.finalResults().stream()
                .map(r -> new ThresholdResult(r.name(), r.observed(), r.limit(), r.verdict())).toList();
    }

    /** The generator's status port: the container port named "metrics" (the local runner publishes its own there). */
    private static int metricsPort(Pod pod) {
        return pod.getSpec().getContainers().stream().flatMap(ct -> ct.getPorts() == null ? java.util.stream.Stream.empty()
                        : ct.getPorts().stream()).filter(p -> "metrics".equals(p.getName()))
                .map(ContainerPort::getContainerPort).findFirst().orElse(StageJobs.METRICS_PORT);
    }

    private static String token(LoadCampaign c, KubernetesClient client) {
        try {
            return PrometheusToken.read(c, client);
        } catch (IllegalStateException e) {
            return null; // queries then fail with 401 and count as unavailable, which the policy handles
        }
    }

    private void forgetStale(Instant now) {
        touched.forEach((k, at) -> {
            if (at.plus(FORGET_AFTER).isBefore(now)) {
                touched.remove(k);
                StageMonitor m = monitors.remove(k);
                if (m != null) {
                    m.close();
                }
            }
        });
    }

    private static String key(LoadCampaign c, int run, String stage) {
        return c.getMetadata().getUid() + "/" + run + "/" + stage;
    }
}
