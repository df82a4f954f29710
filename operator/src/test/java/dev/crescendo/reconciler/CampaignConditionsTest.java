package dev.crescendo.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crescendo.api.LoadCampaignStatus.Phase;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CampaignConditionsTest {
    private static final Instant T0 = Instant.parse("2026-11-22T08:00:00Z");
    private static final Instant T1 = Instant.parse("2026-11-22T08:05:00Z");

    private static Condition get(List<Condition> conditions, String type) {
        return conditions.stream().filter(c -> c.getType().equals(type)).findFirst().orElseThrow();
    }

    @Test
    void everyConditionIsPresentWithTheGenerationItWasComputedFor() {
        List<Condition> c = CampaignConditions.of(Phase.Running, "stage smoke running", 3, List.of(), T0);
        assertThat(c).extracting(Condition::getType).containsExactlyElementsOf(CampaignConditions.TYPES);
        assertThat(c).allSatisfy(x -> assertThat(x.getObservedGeneration()).isEqualTo(3L));
        assertThat(get(c, "Progressing").getStatus()).isEqualTo("True");
        assertThat(get(c, "Progressing").getMessage()).isEqualTo("stage smoke running");
        assertThat(get(c, "Succeeded").getStatus()).isEqualTo("False");
        assertThat(get(c, "Succeeded").getMessage()).isEmpty();
    }

    @Test
    void lastTransitionTimeMovesOnlyWhenTheStatusFlips() {
        List<Condition> running = CampaignConditions.of(Phase.Running, "a", 1, List.of(), T0);
        List<Condition> stillRunning = CampaignConditions.of(Phase.Running, "b", 1, running, T1);
        assertThat(get(stillRunning, "Progressing").getLastTransitionTime()).isEqualTo(T0.toString());
        assertThat(get(stillRunning, "Failed").getLastTransitionTime()).isEqualTo(T0.toString());

        List<Condition> halted = CampaignConditions.of(Phase.Halted, "breach", 1, stillRunning, T1);
        assertThat(get(halted, "Progressing").getStatus()).isEqualTo("False");
        assertThat(get(halted, "Progressing").getLastTransitionTime()).isEqualTo(T1.toString());
        assertThat(get(halted, "Halted").getStatus()).isEqualTo("True");
        assertThat(get(halted, "Failed").getStatus()).isEqualTo("True");
        assertThat(get(halted, "Failed").getLastTransitionTime()).isEqualTo(T1.toString());
        assertThat(get(halted, "Succeeded").getLastTransitionTime()).isEqualTo(T0.toString());
    }

    @Test
    void eachPhaseMapsToItsConditions() {
        assertThat(get(CampaignConditions.of(Phase.Succeeded, "", 1, List.of(), T0), "Succeeded").getStatus()).isEqualTo("True");
        assertThat(get(CampaignConditions.of(Phase.Invalid, "", 1, List.of(), T0), "Invalid").getStatus()).isEqualTo("True");
        assertThat(get(CampaignConditions.of(Phase.Invalid, "", 1, List.of(), T0), "Progressing").getStatus()).isEqualTo("False");
        var waiting = CampaignConditions.of(Phase.AwaitingApproval, "", 1, List.of(), T0);
        assertThat(get(waiting, "AwaitingApproval").getStatus()).isEqualTo("True");
        assertThat(get(waiting, "Progressing").getStatus()).isEqualTo("True");
        assertThat(get(CampaignConditions.of(Phase.Failed, "", 1, List.of(), T0), "Halted").getStatus()).isEqualTo("False");
    }
}
