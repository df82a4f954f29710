package dev.crescendo.demo;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** Reads {@code 500ms}, {@code 2s}, {@code 1.5s} or {@code 1m} for the command's duration options. */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m)");

    @Override
    public Duration convert(String value) {
        String s = value.trim();
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        Matcher m = DURATION.matcher(s);
        if (!m.matches()) {
            throw new CommandLine.TypeConversionException(
                    "invalid duration '" + value + "': use a number with a unit (ms, s, m), e.g. 500ms or 2s");
        }
        double amount = Double.parseDouble(m.group(1));
        double millis = switch (m.group(2)) {
            case "ms" -> amount;
            case "s" -> amount * 1000;
            default -> amount * 60_000;
        };
        return Duration.ofNanos(Math.round(millis * 1_000_000));
    }
}
