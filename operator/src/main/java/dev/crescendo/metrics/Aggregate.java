package dev.crescendo.metrics;

import java.util.Locale;

/** How the series of one metric that match a scrape threshold's labels become one number. */
public enum Aggregate {
    /** Added up (counts, active connections over several pools); the default. */
    SUM,
    /** The largest (the most saturated pool). */
    MAX;

    /** "sum" or "max", any case; null or blank is {@link #SUM}. */
    public static Aggregate parse(String text) {
        if (text == null || text.isBlank()) {
            return SUM;
        }
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "sum" -> SUM;
            case "max" -> MAX;
            default -> throw new IllegalArgumentException("aggregate must be sum or max, got '" + text + "'");
        };
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
