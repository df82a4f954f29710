package dev.crescendo.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crescendo.api.LoadCampaign;
import dev.crescendo.campaign.ManifestReader;
import dev.crescendo.loadgen.config.ConfigLoader;
import dev.crescendo.loadgen.config.StageConfig;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The stage Job: name, ownership, labels, hardening, limits, and a config the generator accepts. */
class StageJobsTest {

    private static LoadCampaign campaign() throws Exception {
        LoadCampaign c = ManifestReader.read(Path.of("src/test/resources/manifests/valid.yaml")).get(0).campaign();
        c.getMetadata().setUid("uid-1");
        return c;
    }

    @Test
    void buildsAHardenedOwnedJobPerStage() throws Exception {
        Job job = new StageJobs("ghcr.io/crescendo/crescendo:1.0").build(campaign(), 2, 2);
        assertThat(job.getMetadata().getName()).isEqualTo("chat-progressive-r2-medium");
        assertThat(job.getMetadata().getNamespace()).isEqualTo("perf");
        assertThat(job.getMetadata().getLabels()).containsEntry("crescendo.dev/campaign", "chat-progressive")
                .containsEntry("crescendo.dev/run", "2").containsEntry("crescendo.dev/stage", "medium")
                .containsEntry("app.kubernetes.io/managed-by", "crescendo");
        assertThat(job.getMetadata().getOwnerReferences()).singleElement().satisfies(o -> {
            assertThat(o.getKind()).isEqualTo("LoadCampaign");
            assertThat(o.getUid()).isEqualTo("uid-1");
            assertThat(o.getController()).isTrue();
        });
        assertThat(job.getSpec().getBackoffLimit()).isZero();
        // 5 min stage + 5 s graceful stop + 120 s room
        assertThat(job.getSpec().getActiveDeadlineSeconds()).isEqualTo(300 + 5 + 120);
        var pod = job.getSpec().getTemplate().getSpec();
        assertThat(pod.getRestartPolicy()).isEqualTo("Never");
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        Container c = pod.getContainers().get(0);
        assertThat(c.getImage()).isEqualTo("ghcr.io/crescendo/crescendo:1.0");
        assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(c.getVolumeMounts()).singleElement().satisfies(m -> assertThat(m.getMountPath()).isEqualTo("/tmp"));
        assertThat(pod.getVolumes()).singleElement().satisfies(v -> assertThat(v.getEmptyDir()).isNotNull());
        assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(c.getResources().getLimits()).containsKey("memory");
        assertThat(c.getTerminationMessagePath()).isEqualTo("/dev/termination-log");
        assertThat(c.getArgs()).startsWith("loadgen", "--config-json");

        StageConfig config = ConfigLoader.parse(c.getArgs().get(2), true);
        assertThat(config.stage().name()).isEqualTo("medium");
        assertThat(config.stage().rampUp()).isEqualTo("30s");
        assertThat(config.campaign()).isEqualTo("chat-progressive");
        assertThat(config.summaryFile()).isEqualTo("/dev/termination-log");
        // only the thresholds the generator can judge itself travel with the stage
        assertThat(config.thresholds()).extracting(t -> t.name()).containsExactly("send-p95", "errors");
    }

    @Test
    void approvingAStageDoesNotChangeTheRunButOtherEditsDo() throws Exception {
        var spec = campaign().getSpec();
        String base = LoadCampaignReconciler.runHash(spec);
        var approved = spec.withProgression(new dev.crescendo.api.ProgressionSpec(dev.crescendo.api.ProgressionSpec.Mode.Manual, "light"));
        var manual = spec.withProgression(new dev.crescendo.api.ProgressionSpec(dev.crescendo.api.ProgressionSpec.Mode.Manual, null));
        assertThat(LoadCampaignReconciler.runHash(approved)).isEqualTo(LoadCampaignReconciler.runHash(manual));
        assertThat(LoadCampaignReconciler.runHash(manual)).isNotEqualTo(base);
        var fewerStages = spec.withStages(spec.stages().subList(0, 2));
        assertThat(LoadCampaignReconciler.runHash(fewerStages)).isNotEqualTo(base);
    }
}
