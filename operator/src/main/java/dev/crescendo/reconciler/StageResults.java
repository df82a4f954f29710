package dev.crescendo.reconciler;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.crescendo.api.LoadCampaignStatus.ErrorSample;
import dev.crescendo.api.LoadCampaignStatus.OperationResult;
import dev.crescendo.api.LoadCampaignStatus.ThresholdResult;
import dev.crescendo.api.LoadCampaignStatus.Verdict;
import dev.crescendo.loadgen.report.LiveSnapshot;
import dev.crescendo.loadgen.report.OperationLatency;
import dev.crescendo.loadgen.report.Summary;
import dev.crescendo.loadgen.report.SummaryJson;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads what a stage Job has come to: still running, a summary in its pod's termination message, or broken. */
final class StageResults {
    private static final List<String> BROKEN_WAITING = List.of("ImagePullBackOff", "ErrImagePull", "InvalidImageName",
            "CreateContainerConfigError", "CreateContainerError");

    sealed interface State {}

    record Running() implements State {}

    record Finished(Summary summary, String finishedAt) implements State {}

    /** The load generator could not run or died without a summary (LoadGeneratorFailure). */
    record Broken(String reason) implements State {}

    private StageResults() {}

    /** How long a stage may wait for its pod to be scheduled and started before it counts as broken. */
    static final Duration START_TIMEOUT = Duration.ofMinutes(5);

    static State of(Job job, List<Pod> pods, Instant now) {
        for (Pod pod : pods) {
            for (ContainerStatus cs : pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null
                    ? List.<ContainerStatus>of() : pod.getStatus().getContainerStatuses()) {
                ContainerStateTerminated t = cs.getState() == null ? null : cs.getState().getTerminated();
                if (t != null) {
                    return terminated(pod, t);
                }
                if (cs.getState() != null && cs.getState().getWaiting() != null
                        && BROKEN_WAITING.contains(cs.getState().getWaiting().getReason())) {
                    return new Broken("pod " + pod.getMetadata().getName() + ": " + cs.getState().getWaiting().getReason()
                            + ": " + cs.getState().getWaiting().getMessage());
                }
            }
        }
        String waitingSince = job.getMetadata().getCreationTimestamp();
        boolean started = pods.stream().anyMatch(p -> p.getStatus() != null && p.getStatus().getStartTime() != null
                && "Running".equals(p.getStatus().getPhase()));
        if (!started && waitingSince != null && Instant.parse(waitingSince).plus(START_TIMEOUT).isBefore(now)) {
            String why = pods.stream().flatMap(p -> p.getStatus() == null || p.getStatus().getConditions() == null
                    ? java.util.stream.Stream.empty() : p.getStatus().getConditions().stream())
                    .filter(c -> "PodScheduled".equals(c.getType()) && "False".equals(c.getStatus()))
                    .map(c -> c.getReason() + ": " + c.getMessage()).findFirst()
                    .orElse(pods.isEmpty() ? "no pod was created (quota? admission?)" : "the pod did not start");
            return new Broken("Job " + job.getMetadata().getName() + " did not start within "
                    + START_TIMEOUT.toMinutes() + "m: " + why);
        }
        var status = job.getStatus();
        if (status != null && status.getFailed() != null && status.getFailed() > 0) {
            String why = status.getConditions() == null ? "" : status.getConditions().stream()
                    .filter(c -> "Failed".equals(c.getType())).map(c -> c.getReason() + ": " + c.getMessage()).findFirst().orElse("");
            return new Broken("Job " + job.getMetadata().getName() + " failed without a summary " + why);
        }
        return new Running();
    }

    private static State terminated(Pod pod, ContainerStateTerminated t) {
        String message = t.getMessage();
        if (message != null && message.startsWith("{")) {
            try {
                return new Finished(SummaryJson.parse(message), t.getFinishedAt());
            } catch (JsonProcessingException e) {
                return new Broken("pod " + pod.getMetadata().getName() + " left an unreadable summary: " + e.getOriginalMessage());
            }
        }
        return new Broken("pod " + pod.getMetadata().getName() + " ended (" + t.getReason() + ", exit code " + t.getExitCode()
                + ") without a summary" + (message == null || message.isBlank() ? "" : ": " + message.strip()));
    }

    /** The summary a terminated pod left, if any (a halted stage's pod may or may not have been seen terminating). */
    static Summary leftBy(List<Pod> pods) {
        for (Pod pod : pods) {
            for (ContainerStatus cs : pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null
                    ? List.<ContainerStatus>of() : pod.getStatus().getContainerStatuses()) {
                ContainerStateTerminated t = cs.getState() == null ? null : cs.getState().getTerminated();
                if (t != null && terminated(pod, t) instanceof Finished f) {
                    return f.summary();
                }
            }
        }
        return null;
    }

    /** A halted stage's numbers from the generator's last live snapshot (totals since the stage started). */
    static Summary fromSnapshot(LiveSnapshot s, String abortReason) {
        LiveSnapshot.Totals t = s.total();
        return new Summary(s.stage(), t.requests(), s.elapsedSeconds(), t.throughputPerSecond(), t.dropped(), 0, 0,
                t.outcomes() == null ? Map.of() : t.outcomes(), t.operations() == null ? Map.of() : t.operations(),
                s.thresholds(), null, abortReason, null);
    }

    static Map<String, OperationResult> operations(Summary s) {
        Map<String, OperationResult> out = new LinkedHashMap<>();
        s.operations().forEach((name, l) -> out.put(name, operation(l)));
        return out;
    }

    private static OperationResult operation(OperationLatency l) {
        return new OperationResult(l.count(), ms(l.p50Ms()), ms(l.p95Ms()), ms(l.p99Ms()), ms(l.maxMs()));
    }

    static String ms(Double value) {
        return value == null ? null : String.format(Locale.ROOT, "%.1fms", value);
    }

    static List<ThresholdResult> thresholds(Summary s) {
        return s.thresholds() == null ? null : s.thresholds().stream()
                .map(t -> new ThresholdResult(t.name(), t.observed(), t.fail(), Verdict.valueOf(t.verdict().name())))
                .toList();
    }

    static List<ErrorSample> errorSamples(Summary s) {
        return s.errorSamples() == null ? null : s.errorSamples().stream()
                .map(x -> new ErrorSample(x.operation(), x.outcome(), x.status() == 0 ? null : x.status(), x.body(), x.count()))
                .toList();
    }
}
