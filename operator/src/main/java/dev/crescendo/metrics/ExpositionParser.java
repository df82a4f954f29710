package dev.crescendo.metrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A parser for the Prometheus text exposition format 0.0.4 (what {@code /metrics} endpoints serve),
 * which also reads the OpenMetrics text that some servers answer with anyway.
 *
 * <p>Java's Prometheus client (1.x, {@code prometheus-metrics-exposition-textformats}) only writes the
 * format, so this reads it: {@code # HELP} and {@code # TYPE} lines (the type is checked), other
 * comments, blank lines, metric names with {@code :} and {@code _}, label sets with escaped values
 * ({@code \"}, {@code \\}, {@code \n}; other escapes are kept as written, as Prometheus does), a
 * trailing comma, blanks between tokens, values with exponents, {@code NaN}, {@code +Inf},
 * {@code -Inf}, optional timestamps, OpenMetrics exemplars (ignored), quoted UTF-8 names inside the
 * braces ({@code {"my.metric",a="b"}}) and {@code # EOF} (the end). Like Prometheus, it rejects the
 * whole text at the first malformed line, saying which line and why.
 *
 * <p>Samples are returned by their series name as written: a histogram {@code x} appears as
 * {@code x_bucket}, {@code x_sum} and {@code x_count}.
 */
public final class ExpositionParser {
    /**
     * One sample line. {@code timestampMillis}: null when absent; an integer is milliseconds (0.0.4),
     * a decimal is seconds (OpenMetrics) converted to milliseconds.
     */
    public record Sample(String name, Map<String, String> labels, double value, Long timestampMillis) {}

    /** The text is not in the exposition format; {@link #line()} says where (1-based). */
    public static final class ParseException extends RuntimeException {
        private final int line;

        ParseException(int line, String problem, String text) {
            super("line " + line + ": " + problem + ": " + BoundedGet.snippet(text, 80));
            this.line = line;
        }

        public int line() {
            return line;
        }
    }

    private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped",
            // OpenMetrics
            "unknown", "info", "stateset", "gaugehistogram");

    private ExpositionParser() {}

    /** Every sample, in order. */
    public static List<Sample> parse(String text) {
        List<Sample> out = new ArrayList<>();
        parse(text, out::add);
        return out;
    }

    /** Hands every sample to {@code sink}, in order; nothing after a malformed line. */
    public static void parse(String text, Consumer<Sample> sink) {
        int lineNo = 0;
        int start = 0;
        int length = text.length();
        if (length > 0 && text.charAt(0) == '\uFEFF') {
            start = 1;
        }
        while (start < length) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = length;
            }
            lineNo++;
            int lineEnd = end > start && text.charAt(end - 1) == '\r' ? end - 1 : end;
            String line = text.substring(start, lineEnd);
            start = end + 1;
            int i = skipBlanks(line, 0);
            if (i == line.length()) {
                continue;
            }
            if (line.charAt(i) == '#') {
                if (comment(line, i + 1, lineNo)) {
                    return;
                }
                continue;
            }
            sink.accept(new LineParser(line, i, lineNo).sample());
        }
    }

    /**
     * A number as Prometheus writes one (Go's strconv.ParseFloat): decimal or exponent notation,
     * {@code NaN}, {@code +Inf}, {@code -Inf}, {@code Inf}, any case.
     *
     * @throws NumberFormatException when it is not one
     */
    public static double parseFloat(String s) {
        switch (s.toLowerCase(Locale.ROOT)) {
            case "nan", "+nan", "-nan":
                return Double.NaN;
            case "inf", "+inf", "infinity", "+infinity":
                return Double.POSITIVE_INFINITY;
            case "-inf", "-infinity":
                return Double.NEGATIVE_INFINITY;
            default:
                break;
        }
        if (s.isEmpty() || !Character.isDigit(s.charAt(s.length() - 1)) && s.charAt(s.length() - 1) != '.') {
            // Java also reads "1d", "2f", " 3", "NaN" spelled differently: Prometheus does not.
            throw new NumberFormatException("not a number: " + s);
        }
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (!(c >= '0' && c <= '9' || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-')) {
                throw new NumberFormatException("not a number: " + s);
            }
        }
        return Double.parseDouble(s);
    }

    /** True at {@code # EOF}. Checks {@code # TYPE}; any other comment is ignored. */
    private static boolean comment(String line, int i, int lineNo) {
        String[] words = line.substring(i).strip().split("[ \t]+", 3);
        if (words.length == 1 && words[0].equals("EOF")) {
            return true;
        }
        if (words[0].equals("TYPE")) {
            if (words.length < 3 || !isMetricName(words[1])) {
                throw new ParseException(lineNo, "a TYPE line needs a metric name and a type", line);
            }
            if (!TYPES.contains(words[2].strip())) {
                throw new ParseException(lineNo, "unknown metric type '" + words[2].strip() + "'", line);
            }
        } else if (words[0].equals("HELP") && (words.length < 2 || !isMetricName(words[1]))) {
            throw new ParseException(lineNo, "a HELP line needs a metric name", line);
        }
        return false;
    }

    static boolean isMetricName(String s) {
        if (s.isEmpty() || !isNameStart(s.charAt(0), true)) {
            return false;
        }
        for (int k = 1; k < s.length(); k++) {
            if (!isNameChar(s.charAt(k), true)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isNameStart(char c, boolean colon) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || colon && c == ':';
    }

    private static boolean isNameChar(char c, boolean colon) {
        return isNameStart(c, colon) || c >= '0' && c <= '9';
    }

    private static int skipBlanks(String s, int i) {
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    /** One sample line: {@code name[{labels}] value [timestamp] [# exemplar]}. */
    private static final class LineParser {
        private final String line;
        private final int lineNo;
        private int i;

        LineParser(String line, int start, int lineNo) {
            this.line = line;
            this.i = start;
            this.lineNo = lineNo;
        }

        Sample sample() {
            String name = null;
            if (peek() != '{') {
                name = name(true);
                if (name.isEmpty()) {
                    throw fail("expected a metric name");
                }
                if (i < line.length() && peek() != '{' && !blank(peek())) {
                    throw fail("invalid character '" + peek() + "' in metric name");
                }
            }
            Map<String, String> labels = Map.of();
            i = skipBlanks(line, i);
            if (peek() == '{') {
                i++;
                labels = new LinkedHashMap<>();
                name = labelSet(name, labels);
                labels = Collections.unmodifiableMap(labels);
            }
            if (name == null) {
                throw fail("expected a metric name");
            }
            i = skipBlanks(line, i);
            String valueText = token();
            if (valueText.isEmpty()) {
                throw fail("missing value");
            }
            double value;
            try {
                value = parseFloat(valueText);
            } catch (NumberFormatException e) {
                throw fail("value '" + valueText + "' is not a number");
            }
            i = skipBlanks(line, i);
            Long timestamp = null;
            if (i < line.length() && peek() != '#') {
                timestamp = timestamp(token());
                i = skipBlanks(line, i);
            }
            if (i < line.length() && peek() != '#') {
                throw fail("unexpected text after the value");
            }
            return new Sample(name, labels, value, timestamp);
        }

        /** Inside {@code {...}}, after the brace; returns the metric name (may come quoted from here). */
        private String labelSet(String name, Map<String, String> labels) {
            while (true) {
                i = skipBlanks(line, i);
                if (peek() == '}') {
                    i++;
                    return name;
                }
                String label;
                if (peek() == '"') {
                    label = quoted();
                    i = skipBlanks(line, i);
                    if (peek() != '=') {
                        // {"metric.name", a="b"}: a quoted metric name, only once, only without a name before.
                        if (name != null) {
                            throw fail("a quoted metric name inside the braces, but the series already has a name");
                        }
                        name = label;
                        if (!afterLabel()) {
                            return name;
                        }
                        continue;
                    }
                } else {
                    label = name(false);
                    if (label.isEmpty()) {
                        throw fail(i >= line.length() ? "unterminated label set" : "expected a label name at '" + peek() + "'");
                    }
                    i = skipBlanks(line, i);
                }
                if (peek() != '=') {
                    throw fail("expected '=' after label " + label);
                }
                i++;
                i = skipBlanks(line, i);
                if (peek() != '"') {
                    throw fail("label " + label + ": the value must be in double quotes");
                }
                String value = quoted();
                if (labels.put(label, value) != null) {
                    throw fail("label " + label + " appears twice");
                }
                if (!afterLabel()) {
                    return name;
                }
            }
        }

        /** After a label pair: true for a comma (more may follow), false at the closing brace. */
        private boolean afterLabel() {
            i = skipBlanks(line, i);
            if (peek() == ',') {
                i++;
                return true;
            }
            if (peek() == '}') {
                i++;
                return false;
            }
            throw fail(i >= line.length() ? "unterminated label set" : "expected ',' or '}' in the label set");
        }

        /** A double-quoted string at {@code i}, unescaping \\, \" and \n (other escapes stay as written). */
        private String quoted() {
            i++;
            StringBuilder out = null;
            int from = i;
            while (i < line.length()) {
                char c = line.charAt(i);
                if (c == '"') {
                    String s = out == null ? line.substring(from, i) : out.append(line, from, i).toString();
                    i++;
                    return s;
                }
                if (c == '\\') {
                    if (i + 1 >= line.length()) {
                        break;
                    }
                    if (out == null) {
                        out = new StringBuilder();
                    }
                    out.append(line, from, i);
                    char e = line.charAt(i + 1);
                    switch (e) {
                        case '\\' -> out.append('\\');
                        case '"' -> out.append('"');
                        case 'n' -> out.append('\n');
                        default -> out.append('\\').append(e);
                    }
                    i += 2;
                    from = i;
                    continue;
                }
                i++;
            }
            throw fail("unterminated quoted string");
        }

        private String name(boolean colon) {
            int from = i;
            if (i < line.length() && isNameStart(line.charAt(i), colon)) {
                i++;
                while (i < line.length() && isNameChar(line.charAt(i), colon)) {
                    i++;
                }
            }
            return line.substring(from, i);
        }

        private String token() {
            int from = i;
            while (i < line.length() && !blank(line.charAt(i))) {
                i++;
            }
            return line.substring(from, i);
        }

        private Long timestamp(String text) {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                try {
                    double seconds = parseFloat(text);
                    if (Double.isFinite(seconds)) {
                        return Math.round(seconds * 1000);
                    }
                } catch (NumberFormatException ignored) {
                    // reported below
                }
                throw fail("timestamp '" + text + "' is not a number");
            }
        }

        private char peek() {
            return i < line.length() ? line.charAt(i) : '\0';
        }

        private static boolean blank(char c) {
            return c == ' ' || c == '\t';
        }

        private ParseException fail(String problem) {
            return new ParseException(lineNo, problem, line);
        }
    }
}
