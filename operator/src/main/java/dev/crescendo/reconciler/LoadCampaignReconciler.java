package dev.crescendo.reconciler;

import dev.crescendo.api.LoadCampaign;
import dev.crescendo.api.LoadCampaignSpec;
import dev.crescendo.api.LoadCampaignStatus;
import dev.crescendo.api.ProgressionSpec;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import dev.crescendo.campaign.OperatorPolicy;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * JOSDK glue: picks the step for the campaign's phase, runs steps until one has to wait, patches
 * the status once if it changed, and requeues while a stage runs. All state is in the status and
 * in the owned Jobs, so a restarted operator carries on where the last one stopped.
 */
// Not generation-aware: the kill-switch annotation changes only metadata, and must still wake the campaign.
@ControllerConfiguration(name = "loadcampaign", generationAwareEventProcessing = false)
public class LoadCampaignReconciler implements Reconciler<LoadCampaign> {
    private final Clock clock;
    private final CampaignStep startRun;
    private final CampaignStep preflight;
    private final CampaignStep runStage;
    private final CampaignStep haltStage;
    private final CampaignStep killSwitch;
    private final CampaignStep awaitApproval = new AwaitApprovalStep();
    private final OperatorPolicy policy;
    private final CampaignMetrics metrics;

    /**
     * @param policy   what this installation allows (targets, caps) and its defaults
     * @param registry where Crescendo's campaign metrics go (the operator's /metrics)
     */
    public LoadCampaignReconciler(io.fabric8.kubernetes.client.KubernetesClient client, String loadGeneratorImage, Clock clock,
                                  OperatorPolicy policy, MeterRegistry registry) {
        this.clock = clock;
        this.policy = policy;
        this.metrics = new CampaignMetrics(registry);
        CampaignEvents events = new CampaignEvents(client, clock);
        this.startRun = new StartRunStep(clock, policy);
        this.preflight = new PreflightStep(new Preflight(), clock, events);
        LiveEvaluation live = new LiveEvaluation(clock, events);
        this.runStage = new RunStageStep(new StageJobs(loadGeneratorImage), live, clock, events);
        this.haltStage = new HaltStageStep(live, clock, events);
        this.killSwitch = new KillSwitchStep(live, events);
    }

    @Override
    public List<EventSource<?, LoadCampaign>> prepareEventSources(EventSourceContext<LoadCampaign> context) {
        // Job changes (completion, failure, deletion) wake the campaign that owns them.
        var jobs = new InformerEventSource<>(InformerEventSourceConfiguration.from(Job.class, LoadCampaign.class)
                .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(LoadCampaign.class))
                .withLabelSelector("app.kubernetes.io/managed-by=crescendo")
                .build(), context);
        // Pod changes (started, image pull failing, terminated) too: pods are owned by Jobs, so map by label.
        var pods = new InformerEventSource<>(InformerEventSourceConfiguration.from(Pod.class, LoadCampaign.class)
                .withLabelSelector(StageJobs.LABEL_CAMPAIGN)
                .withSecondaryToPrimaryMapper(pod -> Set.of(new ResourceID(
                        pod.getMetadata().getLabels().get(StageJobs.LABEL_CAMPAIGN), pod.getMetadata().getNamespace())))
                .build(), context);
        return List.of(jobs, pods);
    }

    @Override
    public UpdateControl<LoadCampaign> reconcile(LoadCampaign campaign, Context<LoadCampaign> context) {
        StatusDraft status = new StatusDraft(campaign.getStatus());
        String hash = runHash(campaign.getSpec());
        LoadCampaign effective = effective(campaign);
        Progress progress = Progress.next();
        for (int steps = 0; progress.kind() == Progress.Kind.CONTINUE && steps < 10; steps++) {
            CampaignStep step = stepFor(campaign, status, hash);
            if (step == null) {
                progress = Progress.done();
                break;
            }
            progress = step.apply(effective, status, context);
            if (step == startRun) {
                status.runSpecHash = hash;
            }
        }
        status.observedGeneration = campaign.getMetadata().getGeneration();
        LoadCampaignStatus next = status.toStatus(campaign.getMetadata().getGeneration(), clock.instant());
        metrics.observe(campaign, campaign.getStatus(), next, context.getPrimaryCache().list().toList());
        UpdateControl<LoadCampaign> control;
        if (next.equals(campaign.getStatus())) {
            control = UpdateControl.noUpdate();
        } else {
            // JOSDK patches /status with a JSON Patch computed against the cached object (no
            // server-side apply): removed fields really go, and its cache stays coherent.
            campaign.setStatus(next);
            control = UpdateControl.patchStatus(campaign);
        }
        return progress.kind() == Progress.Kind.REQUEUE ? control.rescheduleAfter(progress.after()) : control;
    }

    private CampaignStep stepFor(LoadCampaign campaign, StatusDraft status, String hash) {
        if (status.run == null || !hash.equals(status.runSpecHash)) {
            return startRun;
        }
        if (KillSwitchStep.applies(campaign, status)) {
            return killSwitch;
        }
        return switch (status.phase) {
            case Pending, Preflight -> preflight;
            case Running -> HaltStageStep.applies(status) ? haltStage : runStage;
            case AwaitingApproval -> awaitApproval;
            case Succeeded, Failed, Halted, Invalid -> null;
        };
    }

    /** The campaign as the steps see it: its spec with this installation's defaults filled in. */
    private LoadCampaign effective(LoadCampaign campaign) {
        LoadCampaign c = new LoadCampaign();
        c.setMetadata(campaign.getMetadata());
        c.setSpec(policy.withDefaults(campaign.getSpec()));
        c.setStatus(campaign.getStatus());
        return c;
    }

    /** The spec without {@code approvedThrough}: approving the next stage continues the run, any other edit restarts it. */
    static String runHash(LoadCampaignSpec spec) {
        ProgressionSpec p = spec == null ? null : spec.progression();
        LoadCampaignSpec identity = spec == null ? null
                : spec.withProgression(p == null ? null : new ProgressionSpec(p.mode(), null));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(Serialization.asJson(identity).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
