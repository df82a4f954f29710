package dev.crescendo.api;

import io.fabric8.generator.annotation.Pattern;

/** How often thresholds are evaluated while a stage runs, and what to do when metrics are missing. */
public record HaltSpec(
        @Pattern(Patterns.DURATION) String evaluationInterval,
        @Pattern(Patterns.DURATION) String window,
        MetricsUnavailablePolicy onMetricsUnavailable) {

    public enum MetricsUnavailablePolicy { Halt, Continue }
}
