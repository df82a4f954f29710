package dev.crescendo.reconciler;

import dev.crescendo.api.LoadCampaign;
import dev.crescendo.api.LoadCampaignStatus;
import dev.crescendo.api.LoadCampaignStatus.Phase;
import io.javaoperatorsdk.operator.api.reconciler.Context;
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

    /** A {@code fromSecret} variable whose Secret or key is missing fails before any load (named, never shown). */
    private static Preflight.Result missingSecret(LoadCampaign c, Context<LoadCampaign> context) {
        var variables = c.getSpec().scenario() == null ? null : c.getSpec().scenario().variables();
        if (variables == null) {
            return null;
        }
        for (var e : variables.entrySet()) {
            var ref = e.getValue() == null ? null : e.getValue().fromSecret();
            if (ref == null) {
                continue;
            }
            var secret = context.getClient().secrets().inNamespace(c.getMetadata().getNamespace()).withName(ref.name()).get();
            if (secret == null || secret.getData() == null || !secret.getData().containsKey(ref.key())) {
                return new Preflight.Result(false, "PreflightFailed", "scenario.variables." + e.getKey() + ".fromSecret: the Secret "
                        + ref.name() + " (key " + ref.key() + ") does not exist in namespace " + c.getMetadata().getNamespace());
            }
        }
        return null;
    }

    @Override
    public Progress apply(LoadCampaign c, StatusDraft s, Context<LoadCampaign> context) {
        Preflight.Result r = missingSecret(c, context);
        if (r == null) {
            r = preflight.check(c.getSpec().target());
        }
        String token = null;
        if (r.passed() && needsPrometheus(c)) {
            Preflight.Result prom;
            try {
                token = PrometheusToken.read(c, context.getClient());
                prom = preflight.checkPrometheus(c.getSpec().prometheus(), token);
            } catch (IllegalStateException e) {
                prom = new Preflight.Result(false, "MetricsUnavailable", e.getMessage());
            }
            r = prom.passed() ? new Preflight.Result(true, null, r.message() + "; " + prom.message()) : prom;
        }
        if (r.passed()) {
            Preflight.Result queries = ThresholdPreflight.check(c, s.run, token, clock.instant());
            if (!queries.passed()) {
                r = queries;
            } else if (!queries.message().isEmpty()) {
                r = new Preflight.Result(true, null, r.message() + "; " + queries.message());
            }
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
