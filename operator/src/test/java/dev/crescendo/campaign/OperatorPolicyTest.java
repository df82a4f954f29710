package dev.crescendo.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crescendo.api.LoadCampaignSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class OperatorPolicyTest {
    private static LoadCampaignSpec valid() throws Exception {
        return ManifestReader.read(Path.of("src/test/resources/manifests/valid.yaml")).get(0).campaign().getSpec();
    }

    private static final OperatorPolicy CLUSTER = new OperatorPolicy(List.of("*.svc", "*.svc.cluster.local"), 100, 500.0,
            Duration.ofMinutes(10), "http://prometheus.monitoring.svc:9090", Duration.ofSeconds(5), "the Helm values");

    @Test
    void hostPatterns() {
        assertThat(OperatorPolicy.matches("*.svc", "chat.prod.svc")).isTrue();
        assertThat(OperatorPolicy.matches("*.svc", "svc.example.com")).isFalse();
        assertThat(OperatorPolicy.matches("*.svc.cluster.local", "chat.prod.svc.cluster.local")).isTrue();
        assertThat(OperatorPolicy.matches("loopback", "127.0.0.1")).isTrue();
        assertThat(OperatorPolicy.matches("loopback", "127.10.0.3")).isTrue();
        assertThat(OperatorPolicy.matches("loopback", "::1")).isTrue();
        assertThat(OperatorPolicy.matches("loopback", "10.0.0.1")).isFalse();
        assertThat(OperatorPolicy.matches("api.example.com", "api.example.com")).isTrue();
        assertThat(OperatorPolicy.matches("*", "anything.example")).isTrue();
    }

    @Test
    void aTargetOutsideTheAllowListAndStagesOverTheCapsAreNamedWithWhereToChangeThem() throws Exception {
        LoadCampaignSpec spec = valid();
        // valid.yaml aims at chat-backend.perf.svc, with stages of up to 50 VUs and 400 requests/s for 5 minutes
        assertThat(CLUSTER.check(spec)).isEmpty();
        assertThat(OperatorPolicy.local(List.of()).check(spec)).containsExactly("spec.target.baseUrl: host chat-backend.perf.svc"
                + " is not an allowed target of this operator (allowed: loopback); --allow-target HOST adds hosts");
        assertThat(OperatorPolicy.local(List.of("*.perf.svc")).check(spec)).isEmpty();
        OperatorPolicy tight = new OperatorPolicy(List.of("*.svc"), 1, 1.0, Duration.ofSeconds(1), null, null, "the Helm values");
        assertThat(tight.check(spec)).anyMatch(p -> p.matches("spec\\.stages\\[\\d]\\.vus: \\d+ is over this operator's cap of 1 VUs"
                + " per stage \\(the Helm values: caps.maxVUs\\)"));
        assertThat(tight.check(spec)).anyMatch(p -> p.contains(".duration: ") && p.contains("caps.maxStageDuration"));
        assertThat(tight.check(spec)).contains("spec.stages[3].arrivalRate: 400.0 is over this operator's cap of 1.0 requests/s"
                + " per stage (the Helm values: caps.maxArrivalRate)");
    }

    @Test
    void defaultsFillOnlyWhatTheCampaignLeavesOut() throws Exception {
        LoadCampaignSpec spec = valid();
        assertThat(CLUSTER.withDefaults(spec).prometheus()).isEqualTo(spec.prometheus()); // it has its own
        LoadCampaignSpec noProm = spec.withPrometheus(null).withHalt(null);
        LoadCampaignSpec filled = CLUSTER.withDefaults(noProm);
        assertThat(filled.prometheus().url()).isEqualTo("http://prometheus.monitoring.svc:9090");
        assertThat(filled.halt().evaluationInterval()).isEqualTo("5s");
        assertThat(CampaignValidator.validate("c", filled)).isEmpty();
        assertThat(CampaignValidator.validate("c", noProm)).anyMatch(p -> p.contains("needs spec.prometheus.url"));
    }
}
