package dev.crescendo.reconciler;

import dev.crescendo.api.LoadCampaign;
import dev.crescendo.api.ThresholdSpec;
import dev.crescendo.loadgen.config.Durations;
import dev.crescendo.metrics.Aggregate;
import dev.crescendo.metrics.ExpositionScraper;
import dev.crescendo.metrics.MetricReading;
import dev.crescendo.metrics.PrometheusQueryClient;
import dev.crescendo.metrics.QueryTemplate;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Before any load, every {@code promql} and {@code scrape} threshold is read once: a query or
 * metric that finds no series (a typo, a wrong label, the wrong endpoint) fails the preflight in
 * seconds instead of leaving a campaign INCONCLUSIVE later. A series whose value is not a number
 * yet (0/0 before the first request) is fine: the query is right.
 */
final class ThresholdPreflight {
    private ThresholdPreflight() {}

    static Preflight.Result check(LoadCampaign c, int run, String prometheusToken, Instant now) {
        List<ThresholdSpec> thresholds = c.getSpec().thresholds() == null ? List.of() : c.getSpec().thresholds().stream()
                .filter(t -> t.promql() != null || t.scrape() != null).toList();
        if (thresholds.isEmpty()) {
            return new Preflight.Result(true, null, "");
        }
        Map<String, String> values = StageMonitor.queryValues(c, run, c.getSpec().stages().get(0).name(), now);
        List<String> problems = new ArrayList<>();
        var prometheus = c.getSpec().prometheus();
        try (PrometheusQueryClient queries = prometheus == null ? null : new PrometheusQueryClient(URI.create(prometheus.url()),
                prometheusToken, Durations.parseOr(prometheus.timeout(), Duration.ofSeconds(5)));
             ExpositionScraper scraper = new ExpositionScraper(Duration.ofSeconds(5))) {
            for (ThresholdSpec t : thresholds) {
                MetricReading r = t.promql() != null
                        ? queries.instant(QueryTemplate.render(t.promql(), values))
                        : scraper.read(URI.create(t.scrape().url()), t.scrape().metric(), t.scrape().ratioTo(),
                                t.scrape().labels(), Aggregate.parse(t.scrape().aggregate()));
                if (!r.seriesFound()) {
                    problems.add("threshold " + t.name() + ": " + r.reason());
                }
            }
        }
        if (!problems.isEmpty()) {
            return new Preflight.Result(false, "MetricsUnavailable", String.join("; ", problems));
        }
        return new Preflight.Result(true, null, thresholds.size() == 1 ? "1 threshold query finds its series"
                : thresholds.size() + " threshold queries find their series");
    }
}
