package dev.crescendo.reconciler;

import dev.crescendo.api.LoadCampaign;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The Prometheus bearer token from the campaign's Secret. Its value is sent, never shown. */
final class PrometheusToken {
    private PrometheusToken() {}

    /** The token, or null without {@code bearerTokenSecretRef}; a missing Secret or key is an IllegalStateException naming them. */
    static String read(LoadCampaign c, KubernetesClient client) {
        var prometheus = c.getSpec().prometheus();
        var ref = prometheus == null ? null : prometheus.bearerTokenSecretRef();
        if (ref == null) {
            return null;
        }
        Secret secret = client.secrets().inNamespace(c.getMetadata().getNamespace()).withName(ref.name()).get();
        if (secret == null || secret.getData() == null || !secret.getData().containsKey(ref.key())) {
            throw new IllegalStateException("the Prometheus token Secret " + ref.name() + " (key " + ref.key()
                    + ") does not exist in namespace " + c.getMetadata().getNamespace());
        }
        return new String(Base64.getDecoder().decode(secret.getData().get(ref.key())), StandardCharsets.UTF_8).strip();
    }
}
