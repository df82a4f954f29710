package dev.crescendo.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crescendo.testing.PrometheusServer.ScrapeTarget;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.opentest4j.TestAbortedException;
import org.junit.jupiter.api.Test;

/** The fixture's own rules; starting the real server is covered by PrometheusQueryClientIT. */
class PrometheusServerTest {
    @Test
    void configScrapesEverySecond() {
        String yaml = PrometheusServer.config(List.of(ScrapeTarget.of("app", URI.create("http://127.0.0.1:8080/actuator/prometheus")),
                new ScrapeTarget("gen", "localhost:9464", "/metrics")));
        assertThat(yaml).contains("scrape_interval: 1s")
                .contains("""
                          - job_name: "app"
                            metrics_path: "/actuator/prometheus"
                            static_configs:
                              - targets: ["127.0.0.1:8080"]
                        """)
                .contains("- job_name: \"gen\"");
        assertThat(PrometheusServer.config(List.of())).contains("scrape_configs:\n  []");
    }

    @Test
    void scrapeTargetsStayOnLoopback() {
        assertThatThrownBy(() -> new ScrapeTarget("x", "10.0.0.1:80", "/metrics")).hasMessageContaining("loopback");
        assertThatThrownBy(() -> ScrapeTarget.of("x", URI.create("http://example.com:80/metrics"))).hasMessageContaining("loopback");
        assertThatThrownBy(() -> new ScrapeTarget("x", "127.0.0.1:80", "metrics")).hasMessageContaining("must start with /");
    }

    @Test
    void theBinaryIsFoundOnPathOrInUsrBin() {
        // Whatever this machine has, the lookup answers without throwing; CI installs the package.
        PrometheusServer.findBinary().ifPresent(p -> assertThat(p.getFileName()).hasToString("prometheus"));
    }

    @Test
    void aMissingBinarySkipsLoudlyButFailsInCi() {
        assertThat(PrometheusServer.requirePrometheus(Optional.of(Path.of("/opt/prometheus")), false))
                .isEqualTo(Path.of("/opt/prometheus"));
        assertThatThrownBy(() -> PrometheusServer.requirePrometheus(Optional.empty(), false))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("prometheus is not installed: apt-get install prometheus; these tests are SKIPPED");
        assertThatThrownBy(() -> PrometheusServer.requirePrometheus(Optional.empty(), true))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("CRESCENDO_CI")
                .hasMessageContaining("apt-get install prometheus");
    }
}
