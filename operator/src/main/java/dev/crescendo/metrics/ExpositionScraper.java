package dev.crescendo.metrics;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Reads one metric, or the ratio of two, straight from a Prometheus text endpoint (a service's
 * {@code /metrics}): DESIGN §5's {@code scrape} thresholds, for clusters without Prometheus and for
 * local runs. The series of the metric that match the labels (exact match; a label a series lacks
 * matches "") are summed or maxed; with {@code ratioTo}, the denominator is read the same way.
 * Every failure is a {@link MetricReading#unavailable} that says why: the endpoint is down or slow,
 * answered an error or something that is not the text format, the metric is missing (with up to
 * three similarly named metrics it does have), no series has those labels, or the denominator is 0.
 *
 * <p>Thread-safe and reusable.
 */
public final class ExpositionScraper implements AutoCloseable {
    public static final int DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;
    static final String ACCEPT = "text/plain;version=0.0.4";
    private static final int SIMILAR = 3;
    private static final int SHOWN_SERIES = 2;

    private final Duration timeout;
    private final int maxBodyBytes;
    private final HttpClient http;
    private volatile boolean closed;

    /** @param timeout for the whole exchange: connect, answer and body */
    public ExpositionScraper(Duration timeout) {
        this(timeout, DEFAULT_MAX_BODY_BYTES);
    }

    public ExpositionScraper(Duration timeout, int maxBodyBytes) {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        if (maxBodyBytes <= 0) {
            throw new IllegalArgumentException("maxBodyBytes must be positive, got " + maxBodyBytes);
        }
        this.timeout = timeout;
        this.maxBodyBytes = maxBodyBytes;
        this.http = BoundedGet.newClient(timeout);
    }

    /** The sum of the series of {@code metric}. */
    public MetricReading read(URI url, String metric) {
        return read(url, metric, null, null, Aggregate.SUM);
    }

    /**
     * GETs {@code url} and reads {@code metric} (or {@code metric / ratioTo}) from it.
     *
     * @param ratioTo   the denominator's metric name, or null for the metric alone
     * @param labels    exact-match label matchers applied to both metrics, or null for all series
     * @param aggregate how matching series are combined; null is {@link Aggregate#SUM}
     */
    public MetricReading read(URI url, String metric, String ratioTo, Map<String, String> labels, Aggregate aggregate) {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(metric, "metric");
        String shown = BoundedGet.display(url);
        if (!url.isAbsolute() || url.getHost() == null
                || !("http".equalsIgnoreCase(url.getScheme()) || "https".equalsIgnoreCase(url.getScheme()))) {
            return MetricReading.unavailable("metrics URL " + shown + " is not an absolute http(s) URL");
        }
        MetricReading invalid = checkNames(metric, ratioTo);
        if (invalid != null) {
            return invalid;
        }
        if (closed) {
            return MetricReading.unavailable("the scraper is closed; " + shown + " not read");
        }
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(url).timeout(timeout).GET().header("Accept", ACCEPT).build();
        } catch (IllegalArgumentException e) {
            return MetricReading.unavailable("metrics URL " + shown + " cannot be requested: " + e.getMessage());
        }
        BoundedGet.Response response;
        try {
            response = BoundedGet.send(http, request, timeout, maxBodyBytes);
        } catch (BoundedGet.Failure e) {
            return MetricReading.unavailable("metrics endpoint " + shown + " is unreachable: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return MetricReading.unavailable("reading " + shown + " interrupted");
        }
        if (response.status() != 200) {
            return MetricReading.unavailable("metrics endpoint " + shown + " answered " + response.status()
                    + " (content-type " + response.contentType() + "): "
                    + PrometheusQueryClient.quote(BoundedGet.snippet(response.text(), 100)));
        }
        if (response.truncated()) {
            return MetricReading.unavailable("metrics endpoint " + shown + " answered more than "
                    + sizeText(maxBodyBytes) + "; not read");
        }
        try {
            return evaluate(response.text(), shown, metric, ratioTo, labels, aggregate);
        } catch (ExpositionParser.ParseException e) {
            return MetricReading.unavailable("metrics endpoint " + shown + " did not answer in the Prometheus text format"
                    + " (content-type " + response.contentType() + "): " + e.getMessage());
        }
    }

    /**
     * The same reading from exposition text already at hand; {@code source} names it in reasons.
     *
     * @throws ExpositionParser.ParseException when the text is not in the exposition format
     */
    public static MetricReading evaluate(String text, String source, String metric, String ratioTo,
                                         Map<String, String> labels, Aggregate aggregate) {
        MetricReading invalid = checkNames(metric, ratioTo);
        if (invalid != null) {
            return invalid;
        }
        Map<String, String> matchers = new LinkedHashMap<>();
        if (labels != null) {
            labels.forEach((k, v) -> matchers.put(k, v == null ? "" : v));
        }
        Aggregate how = aggregate == null ? Aggregate.SUM : aggregate;
        Series numerator = new Series(metric, matchers, how);
        Series denominator = ratioTo == null ? null : new Series(ratioTo, matchers, how);
        Set<String> names = new TreeSet<>();
        ExpositionParser.parse(text, sample -> {
            names.add(sample.name());
            numerator.offer(sample);
            if (denominator != null) {
                denominator.offer(sample);
            }
        });
        MetricReading missing = numerator.missing(source, names, "metric");
        if (missing != null) {
            return missing;
        }
        if (denominator == null) {
            return finite(numerator.value(), "metric " + numerator.describe() + " at " + source);
        }
        missing = denominator.missing(source, names, "ratioTo metric");
        if (missing != null) {
            return missing;
        }
        double num = numerator.value();
        double den = denominator.value();
        String what = "ratio " + numerator.describe() + " / " + denominator.describe() + " at " + source;
        if (Double.isNaN(num) || Double.isInfinite(num)) {
            return finite(num, what + ": the numerator");
        }
        if (Double.isNaN(den) || Double.isInfinite(den)) {
            return finite(den, what + ": the denominator");
        }
        if (den == 0) {
            return MetricReading.notANumber(what + " is undefined: " + ratioTo + " is 0");
        }
        return finite(num / den, what);
    }

    private static MetricReading checkNames(String metric, String ratioTo) {
        for (String name : ratioTo == null ? List.of(metric) : List.of(metric, ratioTo)) {
            if (!ExpositionParser.isMetricName(name)) {
                return MetricReading.unavailable("'" + name + "' is not a metric name (a scrape threshold reads a metric"
                        + " by its name, e.g. hikaricp_connections_active; expressions need promql)");
            }
        }
        return null;
    }

    private static MetricReading finite(double value, String what) {
        if (Double.isNaN(value)) {
            return MetricReading.notANumber(what + " is NaN, not a usable value");
        }
        if (Double.isInfinite(value)) {
            return MetricReading.notANumber(what + " is " + (value > 0 ? "+Inf" : "-Inf") + ", not a usable value");
        }
        return MetricReading.of(value);
    }

    private static String sizeText(int bytes) {
        return bytes % (1024 * 1024) == 0 ? (bytes >> 20) + " MiB" : bytes + " bytes";
    }

    /** The samples of one metric name: those matching the labels, aggregated, and a few that did not. */
    private static final class Series {
        final String name;
        final Map<String, String> matchers;
        final Aggregate aggregate;
        int total;
        int matched;
        double sum;
        double max = Double.NaN;
        boolean sawNaN;
        final List<Map<String, String>> others = new ArrayList<>();

        Series(String name, Map<String, String> matchers, Aggregate aggregate) {
            this.name = name;
            this.matchers = matchers;
            this.aggregate = aggregate;
        }

        void offer(ExpositionParser.Sample s) {
            if (!s.name().equals(name)) {
                return;
            }
            total++;
            for (Map.Entry<String, String> m : matchers.entrySet()) {
                if (!s.labels().getOrDefault(m.getKey(), "").equals(m.getValue())) {
                    if (others.size() < SHOWN_SERIES) {
                        others.add(s.labels());
                    }
                    return;
                }
            }
            matched++;
            double v = s.value();
            sum += v;
            if (Double.isNaN(v)) {
                sawNaN = true;
            } else if (Double.isNaN(max) || v > max) {
                max = v;
            }
        }

        /** SUM: NaN if any series is NaN. MAX: the largest number, NaN only if all are NaN (as PromQL's max). */
        double value() {
            return aggregate == Aggregate.SUM ? (sawNaN ? Double.NaN : sum) : max;
        }

        String describe() {
            String labelText = matchers.isEmpty() ? "" : labels(matchers);
            return (matched > 1 ? aggregate + "(" + name + labelText + ") over " + matched + " series" : name + labelText);
        }

        MetricReading missing(String source, Set<String> names, String role) {
            if (total == 0) {
                List<String> similar = similar(name, names);
                return MetricReading.unavailable(role + " " + name + " not found at " + source + (similar.isEmpty()
                        ? " (it exposes " + names.size() + " other metric" + (names.size() == 1 ? "" : "s") + ")"
                        : " (similar metrics there: " + String.join(", ", similar) + ")"));
            }
            if (matched == 0) {
                return MetricReading.unavailable(role + " " + name + " at " + source + " has no series with "
                        + labels(matchers) + " (it has " + total + " series, e.g. "
                        + others.stream().map(ExpositionScraper::labels).collect(Collectors.joining(", ")) + ")");
            }
            return null;
        }
    }

    /** {@code {a="1", b="2"}}. */
    static String labels(Map<String, String> labels) {
        return labels.entrySet().stream()
                .map(e -> e.getKey() + "=" + PrometheusQueryClient.quote(e.getValue()))
                .collect(Collectors.joining(", ", "{", "}"));
    }

    /**
     * Up to three names close to {@code wanted}: a small edit distance (hikari_ vs hikaricp_), or one
     * containing the other (a histogram's x_count for x, x_total for x). Closest first.
     */
    static List<String> similar(String wanted, Set<String> names) {
        String w = wanted.toLowerCase(Locale.ROOT);
        int limit = Math.max(2, w.length() / 4);
        record Scored(String name, int score) {}
        List<Scored> found = new ArrayList<>();
        for (String name : names) {
            String n = name.toLowerCase(Locale.ROOT);
            if (n.equals(w)) {
                continue;
            }
            boolean contains = n.contains(w) || w.contains(n) && n.length() >= 4;
            if (!contains && Math.abs(n.length() - w.length()) > limit) {
                continue;
            }
            int d = distance(w, n);
            if (contains || d <= limit) {
                found.add(new Scored(name, d));
            }
        }
        found.sort(Comparator.comparingInt(Scored::score).thenComparing(Scored::name));
        return found.stream().limit(SIMILAR).map(Scored::name).toList();
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
    }

    @Override
    public String toString() {
        return "ExpositionScraper[timeout " + timeout + "]";
    }

    /** Releases the HTTP client's connections and threads; a read still under way ends unavailable. */
    @Override
    public void close() {
        closed = true;
        http.shutdownNow();
    }
}
