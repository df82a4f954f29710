package dev.crescendo.api;

import dev.crescendo.loadgen.config.SchemaPatterns;

import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** The system under test, and the check that must pass before any load is sent. */
public record TargetSpec(
        @Required @Pattern("^https?://[^\\s/?#]+[^\\s?#]*$") String baseUrl,
        @Pattern(SchemaPatterns.DURATION) String connectTimeout,
        PreflightSpec preflight) {

    /**
     * {@code path} under {@code baseUrl} must answer {@code expectStatus} (default 200) within
     * {@code timeout}, and, when given, its JSON body must have {@code expectBody.jsonPath} equal to
     * {@code expectBody.equals} — so a health endpoint saying "degraded" fails (report 004).
     */
    public record PreflightSpec(
            @Pattern("^/.*") String path,
            @Min(100) @Max(599) Integer expectStatus,
            BodyExpectation expectBody,
            @Pattern(SchemaPatterns.DURATION) String timeout) {}

    public record BodyExpectation(@Required String jsonPath, @Required String equals) {}
}
