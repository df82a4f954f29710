package dev.crescendo.reconciler;

import dev.crescendo.api.LoadCampaign;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.util.UUID;

/** Kubernetes Events on the campaign: stage start, stage verdict, halt, failure. Best effort: never fails a reconcile. */
final class CampaignEvents {
    private final KubernetesClient client;
    private final Clock clock;

    CampaignEvents(KubernetesClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    void normal(LoadCampaign c, String reason, String message) {
        emit(c, "Normal", reason, message);
    }

    void warning(LoadCampaign c, String reason, String message) {
        emit(c, "Warning", reason, message);
    }

    private void emit(LoadCampaign c, String type, String reason, String message) {
        String now = clock.instant().toString();
        try {
            client.v1().events().inNamespace(c.getMetadata().getNamespace()).resource(new EventBuilder()
                    .withNewMetadata()
                        .withName(c.getMetadata().getName() + "." + UUID.randomUUID().toString().substring(0, 8))
                        .withNamespace(c.getMetadata().getNamespace())
                    .endMetadata()
                    .withNewInvolvedObject()
                        .withApiVersion(c.getApiVersion()).withKind(c.getKind())
                        .withName(c.getMetadata().getName()).withNamespace(c.getMetadata().getNamespace())
                        .withUid(c.getMetadata().getUid())
                    .endInvolvedObject()
                    .withType(type).withReason(reason)
                    .withMessage(message.length() > 1000 ? message.substring(0, 1000) : message)
                    .withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
                    .withNewSource().withComponent("crescendo").endSource()
                    .build()).create();
        } catch (KubernetesClientException e) {
            System.err.println("crescendo: could not record event " + reason + ": " + e.getMessage());
        }
    }
}
