package dev.crescendo.api;

import dev.crescendo.loadgen.config.SchemaPatterns;

import io.fabric8.generator.annotation.Pattern;

/** How often thresholds are evaluated while a stage runs, and what to do when metrics are missing. */
public record HaltSpec(
        @Pattern(SchemaPatterns.DURATION) String evaluationInterval,
        @Pattern(SchemaPatterns.DURATION) String window,
        MetricsUnavailablePolicy onMetricsUnavailable) {

    public enum MetricsUnavailablePolicy { Halt, Continue }
}
