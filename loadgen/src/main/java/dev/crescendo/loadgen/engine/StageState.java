package dev.crescendo.loadgen.engine;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a stage run is; served in {@code /snapshot} as the lower-case name. */
public enum StageState {
    STARTING,
    /** Sending load. */
    RUNNING,
    /** The duration is over; waiting up to {@code gracefulStop} for requests in flight. */
    DRAINING,
    /** No more requests: the end of the stage, an abort or SIGTERM. */
    STOPPED,
    /** The summary is written. */
    FINISHED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
