package dev.crescendo.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a stage Job has come to, from its pod: a summary, still running, or a load generator that cannot run. */
class StageResultsTest {
    private static final Instant CREATED = Instant.parse("2026-11-22T08:00:00Z");

    private static Job job() {
        return new JobBuilder().withNewMetadata().withName("c-r1-smoke").withCreationTimestamp(CREATED.toString()).endMetadata().build();
    }

    private static PodBuilder pod() {
        return new PodBuilder().withNewMetadata().withName("c-r1-smoke-abcde").endMetadata();
    }

    @Test
    void aTerminatedPodWithASummaryIsFinished() {
        Pod p = pod().withNewStatus().withPhase("Succeeded").addNewContainerStatus().withName("loadgen").withNewState()
                .withNewTerminated().withExitCode(0).withMessage("{\"stage\":\"smoke\",\"requests\":10,\"durationSeconds\":1.0,"
                        + "\"throughputPerSecond\":10.0,\"dropped\":0,\"interrupted\":0,\"retried\":0,\"outcomes\":{\"ok\":10},\"operations\":{}}")
                .withFinishedAt("2026-11-22T08:01:00Z").endTerminated().endState().endContainerStatus().endStatus().build();
        var state = StageResults.of(job(), List.of(p), CREATED.plusSeconds(60));
        assertThat(state).isInstanceOfSatisfying(StageResults.Finished.class, f -> {
            assertThat(f.summary().requests()).isEqualTo(10);
            assertThat(f.finishedAt()).isEqualTo("2026-11-22T08:01:00Z");
        });
    }

    @Test
    void anOomKilledPodWithoutSummaryIsBroken() {
        Pod p = pod().withNewStatus().withPhase("Failed").addNewContainerStatus().withName("loadgen").withNewState()
                .withNewTerminated().withExitCode(137).withReason("OOMKilled").endTerminated().endState().endContainerStatus()
                .endStatus().build();
        assertThat(StageResults.of(job(), List.of(p), CREATED.plusSeconds(60)))
                .isInstanceOfSatisfying(StageResults.Broken.class, b -> assertThat(b.reason()).contains("OOMKilled").contains("137"));
    }

    @Test
    void anImageThatCannotBePulledIsBroken() {
        Pod p = pod().withNewStatus().withPhase("Pending").addNewContainerStatus().withName("loadgen").withNewState()
                .withNewWaiting().withReason("ImagePullBackOff").withMessage("Back-off pulling image crescendo:nope").endWaiting()
                .endState().endContainerStatus().endStatus().build();
        assertThat(StageResults.of(job(), List.of(p), CREATED.plusSeconds(30)))
                .isInstanceOfSatisfying(StageResults.Broken.class, b -> assertThat(b.reason()).contains("ImagePullBackOff"));
    }

    @Test
    void anUnschedulablePodIsBrokenOnlyAfterTheStartTimeout() {
        Pod p = pod().withNewStatus().withPhase("Pending").addNewCondition().withType("PodScheduled").withStatus("False")
                .withReason("Unschedulable").withMessage("0/3 nodes are available: 3 Insufficient cpu.").endCondition()
                .endStatus().build();
        assertThat(StageResults.of(job(), List.of(p), CREATED.plusSeconds(60))).isInstanceOf(StageResults.Running.class);
        assertThat(StageResults.of(job(), List.of(p), CREATED.plus(StageResults.START_TIMEOUT).plusSeconds(1)))
                .isInstanceOfSatisfying(StageResults.Broken.class, b -> assertThat(b.reason())
                        .contains("did not start within 5m").contains("Insufficient cpu"));
    }

    @Test
    void aRunningPodIsRunningHoweverLong() {
        Pod p = pod().withNewStatus().withPhase("Running").withStartTime(CREATED.plusSeconds(5).toString()).endStatus().build();
        assertThat(StageResults.of(job(), List.of(p), CREATED.plusSeconds(3600))).isInstanceOf(StageResults.Running.class);
    }
}
