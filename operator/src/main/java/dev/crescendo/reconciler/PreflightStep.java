package dev.crescendo.reconciler;

import dev.crescendo.api.LoadCampaign;
import dev.crescendo.api.LoadCampaignStatus;
import dev.crescendo.api.LoadCampaignStatus.Phase;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.time.Clock;
import java.util.List;

/** Checks the target before any load. A failure ends the campaign Failed with a diagnosis; no Job is created. */
final class PreflightStep implements CampaignStep {
    private final Preflight preflight;
    private final Clock clock;
    private final CampaignEvents events;

    PreflightStep(Preflight preflight, Clock clock, CampaignEvents events) {
        this.preflight = preflight;
        this.clock = clock;
        this.events = events;
    }

    private static boolean needsPrometheus(LoadCampaign c) {
        return c.getSpec().thresholds() != null && c.getSpec().thresholds().stream().anyMatch(t -> t.promql() != null);
    }

    /** The Prometheus bearer token from its Secret, or null; a missing Secret is reported without its content. */
    private static String token(LoadCampaign c, Context<LoadCampaign> context) {
        var ref = c.getSpec().prometheus().bearerTokenSecretRef();
        if (ref == null) {
            return null;
        }
        Secret secret = context.getClient().secrets().inNamespace(c.getMetadata().getNamespace()).withName(ref.name()).get();
        if (secret == null || secret.getData() == null || !secret.getData().containsKey(ref.key())) {
            throw new IllegalStateException("the Prometheus token Secret " + ref.name() + " (key " + ref.key()
                    + ") does not exist in namespace " + c.getMetadata().getNamespace());
        }
        return new String(Base64.getDecoder().decode(secret.getData().get(ref.key())), StandardCharsets.UTF_8).strip();
    }

    @Override
    public Progress apply(LoadCampaign c, StatusDraft s, Context<LoadCampaign> context) {
        Preflight.Result r = preflight.check(c.getSpec().target());
        if (r.passed() && needsPrometheus(c)) {
            Preflight.Result prom;
            try {
                prom = preflight.checkPrometheus(c.getSpec().prometheus(), token(c, context));
            } catch (IllegalStateException e) {
                prom = new Preflight.Result(false, "MetricsUnavailable", e.getMessage());
            }
            r = prom.passed() ? new Preflight.Result(true, null, r.message() + "; " + prom.message()) : prom;
        }
        s.preflight = new LoadCampaignStatus.PreflightStatus(r.passed(), clock.instant().toString(), r.message());
        if (!r.passed()) {
            s.phase = Phase.Failed;
            s.verdict = LoadCampaignStatus.Verdict.FAILED;
            s.message = "preflight failed: " + r.message();
            s.diagnosis = new LoadCampaignStatus.Diagnosis(r.cause(), r.message(), List.of(r.message()), null);
            events.warning(c, "PreflightFailed", s.message);
            return Progress.done();
        }
        s.phase = Phase.Running;
        s.currentStage = c.getSpec().stages().get(0).name();
        s.message = "preflight passed: " + r.message();
        return Progress.next();
    }
}
