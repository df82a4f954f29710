package dev.crescendo.api;

import dev.crescendo.loadgen.config.SchemaPatterns;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** Where {@code promql} thresholds are evaluated. The token is read from a Secret, never copied into status. */
public record PrometheusSpec(
        @Required @Pattern("^https?://.+") String url,
        SecretKeyRef bearerTokenSecretRef,
        @Pattern(SchemaPatterns.DURATION) String timeout) {

    public record SecretKeyRef(@Required String name, @Required String key) {}
}
