package dev.crescendo.loadgen.threshold;

import dev.crescendo.loadgen.config.Durations;

/** Parses threshold levels: latencies as durations (to milliseconds), rates as "1%" or 0.01. */
public final class Limits {
    private Limits() {}

    public static double latencyMillis(String raw) {
        try {
            return Durations.parse(raw).toNanos() / 1e6;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid latency limit '" + raw + "': " + Durations.HINT);
        }
    }

    public static double share(String raw) {
        String s = raw == null ? "" : raw.trim();
        try {
            double value = s.endsWith("%") ? Double.parseDouble(s.substring(0, s.length() - 1).trim()) / 100
                    : Double.parseDouble(s);
            if (value < 0 || value > 1 || Double.isNaN(value)) {
                throw new IllegalArgumentException("invalid rate limit '" + raw + "': must be between 0 and 1 (or 0% and 100%)");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid rate limit '" + raw + "': use a share like 0.01 or 1%");
        }
    }
}
