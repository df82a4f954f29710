package dev.crescendo.loadgen.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Go/Kubernetes-style durations: {@code 500ms}, {@code 30s}, {@code 1m30s}, {@code 1.5h}. */
public final class Durations {
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");
    public static final String HINT = "use a number with a unit (ms, s, m, h), e.g. 500ms, 30s or 1m30s";

    private Durations() {}

    public static Duration parse(String text) {
        String s = text == null ? "" : text.trim();
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        Matcher m = PART.matcher(s);
        long nanos = 0;
        int at = 0;
        while (at < s.length() && m.find(at) && m.start() == at) {
            double value = Double.parseDouble(m.group(1));
            nanos += (long) (value * unitNanos(m.group(2)));
            at = m.end();
        }
        if (s.isEmpty() || at != s.length()) {
            throw new IllegalArgumentException("invalid duration '" + text + "': " + HINT);
        }
        return Duration.ofNanos(nanos);
    }

    /** {@code text} parsed, or {@code fallback} when it is null (the config was validated before). */
    public static Duration parseOr(String text, Duration fallback) {
        return text == null ? fallback : parse(text);
    }

    /** An exact text form that {@link #parse} reads back: whole milliseconds, else nanoseconds. */
    public static String text(Duration d) {
        return d.toNanos() % 1_000_000 == 0 ? d.toMillis() + "ms" : d.toNanos() + "ns";
    }

    /** Shortest readable form, for messages and reports: 250ms, 1.5s, 2m, 1m30s. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + "ms";
        }
        if (ms < 60_000) {
            return (ms % 1000 == 0 ? String.valueOf(ms / 1000) : String.valueOf(ms / 1000.0)) + "s";
        }
        long seconds = ms / 1000;
        String out = (seconds / 60) + "m";
        return seconds % 60 == 0 ? out : out + (seconds % 60) + "s";
    }

    private static double unitNanos(String unit) {
        return switch (unit) {
            case "ns" -> 1;
            case "us", "µs" -> 1e3;
            case "ms" -> 1e6;
            case "s" -> 1e9;
            case "m" -> 60e9;
            case "h" -> 3600e9;
            default -> throw new IllegalArgumentException(unit);
        };
    }
}
