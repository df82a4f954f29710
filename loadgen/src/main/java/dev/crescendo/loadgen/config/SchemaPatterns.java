package dev.crescendo.loadgen.config;

/** Patterns for schema annotations (the CRD) that the Java validation enforces too. */
public final class SchemaPatterns {
    /** Go/Kubernetes-style durations, as {@link Durations} parses them. */
    public static final String DURATION = "^(0|([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+)$";
    /** Stage names become part of Job names: a DNS label. */
    public static final String STAGE_NAME = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";
    public static final String OPERATION_NAME = "^[A-Za-z0-9_.-]{1,63}$";
    public static final String METHOD = "^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|get|post|put|patch|delete|head|options)$";

    private SchemaPatterns() {}
}
