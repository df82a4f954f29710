package dev.crescendo.report;

import dev.crescendo.api.ThresholdSpec;
import dev.crescendo.api.ThresholdSpec.ScrapeMetric;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** What a declared threshold measures, in words: "p95 latency of `send`", "PromQL `…`". */
final class ThresholdMeasure {
    private ThresholdMeasure() {}

    static String describe(ThresholdSpec t) {
        if (t.latency() != null) {
            String p = t.latency().percentile() == null ? "?" : ReportFormat.trimmed(t.latency().percentile(), 3);
            return "p" + p + " latency" + of(t.latency().operation());
        }
        if (t.errorRate() != null) {
            return "error rate (responses not ok)" + of(t.errorRate().operation());
        }
        if (t.outcomeRate() != null) {
            return "share of " + Markdown.code(String.valueOf(t.outcomeRate().outcome())) + " responses"
                    + of(t.outcomeRate().operation());
        }
        if (t.throughput() != null) {
            return "throughput (req/s)" + of(t.throughput().operation());
        }
        if (t.promql() != null) {
            return "PromQL " + Markdown.code(t.promql());
        }
        if (t.scrape() != null) {
            return scrape(t.scrape());
        }
        return null;
    }

    private static String of(String operation) {
        return operation == null ? " of all operations" : " of " + Markdown.code(operation);
    }

    /** "`active` / `max` from `url` {pool="demo"} (max of the series)". */
    private static String scrape(ScrapeMetric s) {
        StringBuilder out = new StringBuilder("scrape ").append(Markdown.code(s.metric()));
        if (s.ratioTo() != null) {
            out.append(" / ").append(Markdown.code(s.ratioTo()));
        }
        out.append(" from ").append(Markdown.code(s.url()));
        if (s.labels() != null && !s.labels().isEmpty()) {
            Map<String, String> sorted = new TreeMap<>(s.labels());
            out.append(" where ").append(Markdown.code(sorted.entrySet().stream()
                    .map(e -> e.getKey() + "=\"" + e.getValue() + "\"").collect(Collectors.joining(", ", "{", "}"))));
        }
        if ("max".equals(s.aggregate())) {
            out.append(" (largest series)");
        }
        return out.toString();
    }
}
