package dev.crescendo.reconciler;

import dev.crescendo.api.LoadCampaignStatus.Phase;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The conditions a LoadCampaign reports, for {@code kubectl wait} and GitOps gates. Each is always
 * present, True or False, with the generation it was computed for; its lastTransitionTime moves
 * only when its status flips.
 * <ul>
 * <li>{@code Progressing}: the campaign is validating, checking the target, running a stage, or waiting for approval.</li>
 * <li>{@code AwaitingApproval}: Manual progression; the next stage waits for {@code spec.progression.approvedThrough}.</li>
 * <li>{@code Succeeded}: every stage ran; verdict PASSED or MARGINAL ({@code kubectl wait --for=condition=Succeeded}).</li>
 * <li>{@code Failed}: the campaign ended without success: a stage FAILED or was INCONCLUSIVE, preflight failed, or it was halted.</li>
 * <li>{@code Halted}: a threshold breach stopped the load while a stage ran.</li>
 * <li>{@code Invalid}: the spec cannot run; the message names the field.</li>
 * </ul>
 */
final class CampaignConditions {
    static final List<String> TYPES = List.of("Progressing", "AwaitingApproval", "Succeeded", "Failed", "Halted", "Invalid");

    private CampaignConditions() {}

    static List<Condition> of(Phase phase, String message, long generation, List<Condition> previous,
                              Instant now) {
        List<Condition> out = new ArrayList<>();
        for (String type : TYPES) {
            boolean on = holds(type, phase);
            String status = on ? "True" : "False";
            Condition before = previous.stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
            String since = before != null && status.equals(before.getStatus()) && before.getLastTransitionTime() != null
                    ? before.getLastTransitionTime() : now.toString();
            out.add(new ConditionBuilder()
                    .withType(type)
                    .withStatus(status)
                    .withObservedGeneration(generation)
                    .withLastTransitionTime(since)
                    .withReason(phase == null ? "Pending" : phase.name())
                    .withMessage(on && message != null ? message : "")
                    .build());
        }
        return out;
    }

    private static boolean holds(String type, Phase phase) {
        if (phase == null) {
            return type.equals("Progressing");
        }
        return switch (type) {
            case "Progressing" -> phase == Phase.Pending || phase == Phase.Preflight || phase == Phase.Running
                    || phase == Phase.AwaitingApproval;
            case "AwaitingApproval" -> phase == Phase.AwaitingApproval;
            case "Succeeded" -> phase == Phase.Succeeded;
            case "Failed" -> phase == Phase.Failed || phase == Phase.Halted;
            case "Halted" -> phase == Phase.Halted;
            case "Invalid" -> phase == Phase.Invalid;
            default -> false;
        };
    }
}
