package dev.crescendo.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MetricReadingTest {
    @Test
    void aFiniteValueIsAvailable() {
        MetricReading r = MetricReading.of(0.75);
        assertThat(r.available()).isTrue();
        assertThat(r.value()).isEqualTo(0.75);
        assertThat(r.reason()).isNull();
        assertThat(r.valueOrNull()).isEqualTo(0.75);
        assertThat(MetricReading.of(-0.0).available()).isTrue();
    }

    @Test
    void nanAndInfinitiesAreNeverValues() {
        MetricReading nan = MetricReading.of(Double.NaN);
        assertThat(nan.available()).isFalse();
        assertThat(nan.reason()).contains("NaN");
        assertThat(nan.valueOrNull()).isNull();
        assertThat(MetricReading.of(Double.POSITIVE_INFINITY).reason()).contains("+Inf");
        assertThat(MetricReading.of(Double.NEGATIVE_INFINITY).reason()).contains("-Inf");
        // also through the canonical constructor
        assertThat(new MetricReading(Double.POSITIVE_INFINITY, null).available()).isFalse();
    }

    @Test
    void unavailableKeepsItsReasonAndHasNoValue() {
        MetricReading r = MetricReading.unavailable("query returned no series");
        assertThat(r.available()).isFalse();
        assertThat(r.reason()).isEqualTo("query returned no series");
        assertThat(r.value()).isNaN();
        assertThat(new MetricReading(3, "why").value()).isNaN();
        assertThat(r).hasToString("unavailable: query returned no series");
        assertThat(MetricReading.unavailable(null).reason()).isNotBlank();
        assertThat(MetricReading.unavailable(" ").reason()).isNotBlank();
    }
}
