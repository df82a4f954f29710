package dev.crescendo.loadgen.metrics;

import dev.crescendo.loadgen.engine.Outcome;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.datapoints.GaugeDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.List;

/**
 * The generator's Prometheus metrics (DESIGN §4; names and labels are a contract with dashboards).
 * Label children are resolved once, so recording a request costs two lock-free updates.
 */
public final class LoadgenMetrics {
    private static final double[] LATENCY_BUCKETS = {
        0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final CounterDataPoint[][] requests;
    private final DistributionDataPoint[][] durations;
    private final CounterDataPoint dropped;
    private final GaugeDataPoint activeVus;

    public LoadgenMetrics(String campaign, String namespace, String stage, List<String> operations) {
        Counter requestsTotal = Counter.builder()
                .name("crescendo_loadgen_requests_total")
                .help("Requests finished, by operation and outcome class")
                .labelNames("campaign", "namespace", "stage", "operation", "outcome")
                .register(registry);
        Histogram duration = Histogram.builder()
                .name("crescendo_loadgen_request_duration_seconds")
                .help("Request latency (open model: from the scheduled send time)")
                .labelNames("campaign", "namespace", "stage", "operation", "outcome")
                .classicOnly()
                .classicUpperBounds(LATENCY_BUCKETS)
                .register(registry);
        Counter droppedTotal = Counter.builder()
                .name("crescendo_loadgen_dropped_total")
                .help("Open-model requests that could not be sent at their scheduled time")
                .labelNames("campaign", "namespace", "stage")
                .register(registry);
        Gauge active = Gauge.builder()
                .name("crescendo_loadgen_active_vus")
                .help("Virtual users running (closed model) or requests in flight (open model)")
                .labelNames("campaign", "namespace", "stage")
                .register(registry);

        Outcome[] outcomes = Outcome.all();
        requests = new CounterDataPoint[operations.size()][outcomes.length];
        durations = new DistributionDataPoint[operations.size()][outcomes.length];
        for (int op = 0; op < operations.size(); op++) {
            for (Outcome o : outcomes) {
                String[] labels = {campaign, namespace, stage, operations.get(op), o.wireName()};
                requests[op][o.ordinal()] = requestsTotal.labelValues(labels);
                durations[op][o.ordinal()] = duration.labelValues(labels);
            }
        }
        dropped = droppedTotal.labelValues(campaign, namespace, stage);
        activeVus = active.labelValues(campaign, namespace, stage);
    }

    public void request(int op, Outcome outcome, long latencyNanos) {
        requests[op][outcome.ordinal()].inc();
        durations[op][outcome.ordinal()].observe(latencyNanos / 1e9);
    }

    public void dropped() {
        dropped.inc();
    }

    public void activeVus(double value) {
        activeVus.set(value);
    }

    public PrometheusRegistry registry() {
        return registry;
    }
}
