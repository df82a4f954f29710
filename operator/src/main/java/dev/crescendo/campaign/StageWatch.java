package dev.crescendo.campaign;

import dev.crescendo.api.LoadCampaignStatus.Verdict;
import dev.crescendo.api.ThresholdSpec;
import dev.crescendo.campaign.ThresholdEvaluator.State;
import dev.crescendo.loadgen.config.Durations;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The operator's watch over one running stage (DESIGN §5): one {@link ThresholdEvaluator} per
 * threshold the operator judges itself (throughput, promql, scrape), fed once per evaluation
 * interval. It says when to halt, and keeps what the stage-end verdict and the capacity model
 * need: each threshold's last state, the worst state seen, and the mean of its readings.
 */
public final class StageWatch {

    /** A value read from a source, or why none could be read. */
    public record Observation(Double value, String unavailableReason) {
        public static Observation of(double value) {
            return new Observation(value, null);
        }

        public static Observation unavailable(String reason) {
            return new Observation(null, reason);
        }
    }

    /** Where one threshold stands after the last evaluation. */
    public record ThresholdState(String name, State state, Double observed, String limit, String reason) {}

    /** Why to stop the stage now. {@code metricsUnavailable}: the halt is for missing data, not a breach. */
    public record Halt(String threshold, String observed, String limit, String reason, boolean metricsUnavailable) {}

    /** A threshold's judgement at the end of the stage, for the stage's threshold table. */
    public record FinalResult(String name, String observed, String limit, Verdict verdict) {}

    private static final class Entry {
        final ThresholdSpec spec;
        final ThresholdEvaluator evaluator;
        final Level fail;
        ThresholdEvaluator.Reading last;
        State worst;
        String lastReason;
        double sum;
        int count;

        Entry(ThresholdSpec spec, ThresholdEvaluator evaluator, Level fail) {
            this.spec = spec;
            this.evaluator = evaluator;
            this.fail = fail;
        }
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>();

    /**
     * @param thresholds         the thresholds the operator evaluates (not the generator-side ones)
     * @param unavailableGrace   how long a threshold may have no data before the policy applies
     * @param haltWhenUnavailable {@code onMetricsUnavailable: Halt}
     */
    public StageWatch(List<ThresholdSpec> thresholds, Duration unavailableGrace, boolean haltWhenUnavailable) {
        for (ThresholdSpec t : thresholds) {
            Level fail = Level.parse(t.fail(), Level.Unit.NUMBER);
            Level warn = t.warn() == null ? null : Level.parse(t.warn(), Level.Unit.NUMBER);
            Duration sustain = Durations.parseOr(t.sustain(), Duration.ZERO);
            entries.put(t.name(), new Entry(t, new ThresholdEvaluator(t.name(), warn, fail, sustain, unavailableGrace,
                    haltWhenUnavailable), fail));
        }
    }

    /** Feeds one evaluation; a threshold missing from {@code readings} is not judged this time (e.g. still ramping up). */
    public Optional<Halt> observe(Map<String, Observation> readings, Instant now) {
        Halt halt = null;
        for (Entry e : entries.values()) {
            Observation o = readings.get(e.spec.name());
            if (o == null) {
                continue;
            }
            ThresholdEvaluator.Reading r = e.evaluator.observe(o.value(), now);
            e.last = r;
            e.lastReason = o.unavailableReason();
            if (e.worst == null || rank(r.state()) > rank(e.worst)) {
                e.worst = r.state();
            }
            if (r.observed() != null) {
                e.sum += r.observed();
                e.count++;
            }
            if (r.halt() && halt == null) {
                boolean unavailable = r.state() == State.UNAVAILABLE;
                halt = new Halt(e.spec.name(), unavailable ? "unavailable" : format(r.observed()), e.fail.toString(),
                        unavailable ? r.reason() + ": " + o.unavailableReason() : r.reason(), unavailable);
            }
        }
        return Optional.ofNullable(halt);
    }

    public List<ThresholdState> states() {
        return entries.values().stream().map(e -> new ThresholdState(e.spec.name(),
                e.last == null ? State.UNAVAILABLE : e.last.state(), e.last == null ? null : e.last.observed(),
                e.fail.toString(), e.last == null ? "no evaluation yet" : e.lastReason)).toList();
    }

    /**
     * Stage-end verdicts: FAILED when the last reading was over the fail level; MARGINAL when a warn
     * or a passing fail crossing happened during the stage; INCONCLUSIVE when the last reading had no
     * data or there was none (never a silent pass); PASSED otherwise.
     */
    public List<FinalResult> finalResults() {
        return entries.values().stream().map(e -> {
            State last = e.last == null ? State.UNAVAILABLE : e.last.state();
            Verdict verdict = switch (last) {
                case FAIL -> Verdict.FAILED;
                case UNAVAILABLE -> Verdict.INCONCLUSIVE;
                case WARN -> Verdict.MARGINAL;
                case OK -> e.worst == State.WARN || e.worst == State.FAIL ? Verdict.MARGINAL : Verdict.PASSED;
            };
            String observed = e.last == null ? "no reading during the stage"
                    : e.last.observed() == null ? "unavailable: " + e.lastReason : format(e.last.observed());
            return new FinalResult(e.spec.name(), observed, e.fail.toString(), verdict);
        }).toList();
    }

    /** The mean of a threshold's readings in this stage, or null without any. */
    public Double mean(String threshold) {
        Entry e = entries.get(threshold);
        return e == null || e.count == 0 ? null : e.sum / e.count;
    }

    /** Four significant digits, no exponent: 0.9375, 1234, 0.0001234. */
    public static String format(Double value) {
        if (value == null) {
            return null;
        }
        return new BigDecimal(value).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }

    private static int rank(State s) {
        return switch (s) {
            case OK -> 0;
            case UNAVAILABLE -> 1;
            case WARN -> 2;
            case FAIL -> 3;
        };
    }
}
