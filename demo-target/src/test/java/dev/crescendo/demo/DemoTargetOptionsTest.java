package dev.crescendo.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DemoTargetOptionsTest {
    @Test
    void defaultsAreAFreePortTenConnectionsTwoSecondsAndNoQueryCost() {
        DemoTargetOptions d = DemoTargetOptions.defaults();
        assertThat(d.port()).isZero();
        assertThat(d.poolSize()).isEqualTo(10);
        assertThat(d.poolTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(d.queryCost()).isZero();
        assertThat(d.withPoolSize(2).withQueryCost(Duration.ofMillis(50)).withPort(8080).withPoolTimeout(Duration.ofMillis(250)))
                .isEqualTo(new DemoTargetOptions(8080, 2, Duration.ofMillis(250), Duration.ofMillis(50)));
    }

    @Test
    void badValuesAreRejectedNamingTheOption() {
        DemoTargetOptions d = DemoTargetOptions.defaults();
        assertThatThrownBy(() -> d.withPort(70000)).hasMessageContaining("--port");
        assertThatThrownBy(() -> d.withPoolSize(0)).hasMessageContaining("--pool-size").hasMessageContaining("got 0");
        assertThatThrownBy(() -> d.withPoolTimeout(Duration.ofMillis(249)))
                .hasMessageContaining("--pool-timeout").hasMessageContaining("at least 250ms");
        assertThatThrownBy(() -> d.withQueryCost(Duration.ofMillis(-1))).hasMessageContaining("--query-cost");
    }
}
