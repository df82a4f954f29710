package dev.crescendo.campaign;

import dev.crescendo.loadgen.config.Durations;
import java.util.Locale;

/**
 * A threshold level as written in a manifest: {@code 250ms}, {@code 1%}, {@code 0.9}, or with a
 * direction, {@code "< 0.8"} (below is bad: throughput, cache-hit rate) or {@code "> 0.9"}. Without
 * a direction, above is bad.
 */
public record Level(boolean belowIsBad, double value, String text) {

    /** How a level's number is read: latencies in milliseconds, everything else as a plain number ("90%" = 0.9). */
    public enum Unit { MILLISECONDS, NUMBER }

    public static Level parse(String raw, Unit unit) {
        String s = raw == null ? "" : raw.trim();
        boolean below = s.startsWith("<");
        if (below || s.startsWith(">")) {
            s = s.substring(1).trim();
        }
        double value;
        try {
            if (unit == Unit.MILLISECONDS) {
                value = Durations.parse(s).toNanos() / 1e6;
            } else if (s.endsWith("%")) {
                value = Double.parseDouble(s.substring(0, s.length() - 1).trim()) / 100;
            } else {
                value = Double.parseDouble(s);
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid level '" + raw + "': " + (unit == Unit.MILLISECONDS
                    ? Durations.HINT : "use a number or percentage, e.g. 0.9, 90% or '< 0.8' when below is bad"));
        }
        return new Level(below, value, raw.trim());
    }

    /** True when {@code observed} is on the bad side of this level. */
    public boolean crossed(double observed) {
        return belowIsBad ? observed < value : observed > value;
    }

    @Override
    public String toString() {
        return (belowIsBad ? "below " : "above ") + text.replaceFirst("^[<>]\\s*", "").toLowerCase(Locale.ROOT);
    }
}
