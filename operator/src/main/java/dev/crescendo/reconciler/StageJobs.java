package dev.crescendo.reconciler;

import dev.crescendo.api.LoadCampaign;
import dev.crescendo.campaign.JobNames;
import dev.crescendo.campaign.StageConfigs;
import dev.crescendo.loadgen.config.ConfigLoader;
import dev.crescendo.loadgen.config.Durations;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.time.Duration;
import java.util.Map;

/**
 * The Job that runs one stage: deterministic name, owned by the campaign (deleting it stops the
 * load), hardened pod, the load generator with the stage's config, its summary in the termination
 * message.
 */
final class StageJobs {
    static final String LABEL_CAMPAIGN = "crescendo.dev/campaign";
    static final String LABEL_RUN = "crescendo.dev/run";
    static final String LABEL_STAGE = "crescendo.dev/stage";
    static final int METRICS_PORT = 9464;
    private static final ResourceRequirements DEFAULT_RESOURCES = new ResourceRequirementsBuilder()
            .addToRequests(Map.of("cpu", new Quantity("500m"), "memory", new Quantity("512Mi")))
            .addToLimits(Map.of("memory", new Quantity("1Gi")))
            .build();

    private final String defaultImage;

    StageJobs(String defaultImage) {
        this.defaultImage = defaultImage;
    }

    /** One environment variable per {@code fromSecret} variable, taken from its Secret by the kubelet. */
    static java.util.List<EnvVar> secretEnv(dev.crescendo.api.LoadCampaignSpec spec) {
        java.util.List<EnvVar> env = new java.util.ArrayList<>();
        if (spec.scenario() != null && spec.scenario().variables() != null) {
            spec.scenario().variables().forEach((name, v) -> {
                if (v != null && v.fromSecret() != null) {
                    env.add(new EnvVarBuilder().withName(StageConfigs.secretEnvName(name)).withNewValueFrom()
                            .withNewSecretKeyRef().withName(v.fromSecret().name()).withKey(v.fromSecret().key()).endSecretKeyRef()
                            .endValueFrom().build());
                }
            });
        }
        return env;
    }

    Job build(LoadCampaign c, int run, int stageIndex) {
        var spec = c.getSpec();
        var stage = spec.stages().get(stageIndex);
        String name = JobNames.of(c.getMetadata().getName(), run, stage.name());
        String config = ConfigLoader.toJson(StageConfigs.forStage(c.getMetadata().getName(), c.getMetadata().getNamespace(),
                spec, stageIndex, "/dev/termination-log", METRICS_PORT));
        Duration duration = Durations.parse(stage.duration()).plus(Durations.parseOr(stage.gracefulStop(), Duration.ofSeconds(5)));
        Map<String, String> labels = Map.of(
                "app.kubernetes.io/name", "crescendo-loadgen",
                "app.kubernetes.io/managed-by", "crescendo",
                LABEL_CAMPAIGN, c.getMetadata().getName(),
                LABEL_RUN, String.valueOf(run),
                LABEL_STAGE, stage.name());
        var generator = spec.loadGenerator();
        String image = generator != null && generator.image() != null ? generator.image() : defaultImage;
        ResourceRequirements resources = generator != null && generator.resources() != null ? generator.resources() : DEFAULT_RESOURCES;
        return new JobBuilder()
                .withNewMetadata()
                    .withName(name)
                    .withNamespace(c.getMetadata().getNamespace())
                    .withLabels(labels)
                    .withOwnerReferences(new OwnerReferenceBuilder()
                            .withApiVersion(c.getApiVersion()).withKind(c.getKind())
                            .withName(c.getMetadata().getName()).withUid(c.getMetadata().getUid())
                            .withController(true).withBlockOwnerDeletion(true).build())
                .endMetadata()
                .withNewSpec()
                    .withBackoffLimit(0)
                    // Room for the JVM start and the summary; a stage that overruns this is killed.
                    .withActiveDeadlineSeconds(duration.toSeconds() + 120)
                    .withNewTemplate()
                        .withNewMetadata().withLabels(labels).endMetadata()
                        .withNewSpec()
                            .withRestartPolicy("Never")
                            .withAutomountServiceAccountToken(false)
                            .addNewVolume().withName("tmp").withNewEmptyDir().withSizeLimit(new Quantity("64Mi")).endEmptyDir().endVolume()
                            .withNewSecurityContext()
                                .withRunAsNonRoot(true)
                                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                            .endSecurityContext()
                            .addNewContainer()
                                .withName("loadgen")
                                .withImage(image)
                                .withArgs("loadgen", "--config-json", config, "--quiet")
                                .withEnv(secretEnv(spec))
                                .addNewPort().withName("metrics").withContainerPort(METRICS_PORT).endPort()
                                .withResources(resources)
                                .withTerminationMessagePath("/dev/termination-log")
                                .withTerminationMessagePolicy("File")
                                // A read-only root file system, but the JVM and Netty's native transport need a /tmp.
                                .addNewVolumeMount().withName("tmp").withMountPath("/tmp").endVolumeMount()
                                .withNewSecurityContext()
                                    .withAllowPrivilegeEscalation(false)
                                    .withReadOnlyRootFilesystem(true)
                                    .withRunAsNonRoot(true)
                                    .withNewCapabilities().addToDrop("ALL").endCapabilities()
                                .endSecurityContext()
                            .endContainer()
                        .endSpec()
                    .endTemplate()
                .endSpec()
                .build();
    }
}
