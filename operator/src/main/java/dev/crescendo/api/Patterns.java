package dev.crescendo.api;

/** Schema patterns shared by the API's fields. */
final class Patterns {
    /** Go/Kubernetes-style durations, as {@link dev.crescendo.loadgen.config.Durations} parses them. */
    static final String DURATION = "^(0|([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+)$";

    private Patterns() {}
}
