package dev.crescendo.loadgen.engine;

import dev.crescendo.loadgen.report.LiveSnapshot;
import dev.crescendo.loadgen.report.OperationLatency;
import dev.crescendo.loadgen.report.Summary;
import dev.crescendo.loadgen.stats.ErrorSamples;
import dev.crescendo.loadgen.stats.Interval;
import dev.crescendo.loadgen.threshold.ThresholdResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns recorded intervals into the final {@link Summary} and the live {@link LiveSnapshot}. */
final class StageReporter {
    private final String stage;
    private final List<String> operations;

    StageReporter(String stage, List<String> operations) {
        this.stage = stage;
        this.operations = operations;
    }

    Summary summary(Interval total, double seconds, long interrupted, long retried, List<ThresholdResult> thresholds,
                    ErrorSamples errors, String abortReason) {
        long requests = total.requests(-1);
        List<ErrorSamples.Sample> samples = errors.snapshot();
        return new Summary(stage, requests, round(seconds, 3), round(seconds > 0 ? requests / seconds : 0, 2),
                total.dropped(), interrupted, retried, outcomes(total), operations(total),
                thresholds.isEmpty() ? null : thresholds, samples.isEmpty() ? null : samples, abortReason, null);
    }

    LiveSnapshot snapshot(StageState state, double elapsed, double duration, long activeVus, long inFlight,
                          Interval total, Interval window, List<ThresholdResult> thresholds, String abortReason) {
        return new LiveSnapshot(stage, state, round(elapsed, 3), duration, activeVus, inFlight, totals(total),
                totals(window), thresholds.isEmpty() ? null : thresholds, abortReason);
    }

    private LiveSnapshot.Totals totals(Interval interval) {
        long requests = interval.requests(-1);
        double seconds = interval.seconds();
        Double errorRate = requests == 0 ? null : round((double) (requests - interval.count(-1, Outcome.OK)) / requests, 6);
        return new LiveSnapshot.Totals(round(seconds, 3), requests, round(seconds > 0 ? requests / seconds : 0, 2),
                errorRate, interval.dropped(), outcomes(interval), operations(interval));
    }

    private static Map<String, Long> outcomes(Interval interval) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Outcome o : Outcome.all()) {
            out.put(o.wireName(), interval.count(-1, o));
        }
        return out;
    }

    private Map<String, OperationLatency> operations(Interval interval) {
        Map<String, OperationLatency> out = new LinkedHashMap<>();
        for (int i = 0; i < operations.size(); i++) {
            out.put(operations.get(i), OperationLatency.of(interval, i));
        }
        return out;
    }

    static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
