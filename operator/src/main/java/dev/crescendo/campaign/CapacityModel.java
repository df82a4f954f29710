package dev.crescendo.campaign;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Capacity from the stages measured (DESIGN §6), the arithmetic report 001 did by hand: how far
 * throughput grew in step with load, how much p95 grew, and, when a pool utilisation was measured,
 * the load at which the pool would be full (a straight line through the measured points).
 */
public final class CapacityModel {
    /** Throughput per unit of load at least this share of the first stage's counts as linear. */
    static final double LINEAR = 0.9;

    /** One measured stage: load in {@code unit} (VUs or req/s), throughput, worst p95, optional pool utilisation (0..1). */
    public record StagePoint(String name, double load, String unit, double throughput, Double p95Ms, boolean passed,
                             Double poolUtilisation) {}

    /**
     * @param efficiency per stage, throughput per unit of load relative to the first stage (1.0 = linear)
     * @param poolFullAt the load at which pool utilisation would reach 1.0, or null without two useful points
     */
    public record Capacity(String lastPassedStage, String firstFailedStage, String linearThrough, List<Double> efficiency,
                           Double latencyGrowth, Double poolFullAt, String summary) {}

    private CapacityModel() {}

    public static Capacity analyse(List<StagePoint> stages) {
        String lastPassed = null;
        String firstFailed = null;
        for (StagePoint s : stages) {
            if (s.passed() && firstFailed == null) {
                lastPassed = s.name();
            } else if (!s.passed() && firstFailed == null) {
                firstFailed = s.name();
            }
        }
        List<Double> efficiency = new ArrayList<>();
        String linearThrough = null;
        StagePoint first = stages.isEmpty() ? null : stages.get(0);
        boolean stillLinear = true;
        for (StagePoint s : stages) {
            Double e = first == null || !s.unit().equals(first.unit()) || first.throughput() <= 0 || s.load() <= 0
                    ? null : (s.throughput() / s.load()) / (first.throughput() / first.load());
            efficiency.add(e == null ? null : round(e, 3));
            stillLinear &= e != null && e >= LINEAR;
            if (stillLinear) {
                linearThrough = s.name();
            }
        }
        Double growth = latencyGrowth(stages);
        Double poolFullAt = poolFullAt(stages);
        return new Capacity(lastPassed, firstFailed, linearThrough, efficiency, growth, poolFullAt,
                summary(stages, linearThrough, efficiency, growth, poolFullAt, lastPassed, firstFailed));
    }

    private static Double latencyGrowth(List<StagePoint> stages) {
        List<StagePoint> measured = stages.stream().filter(s -> s.p95Ms() != null && s.p95Ms() > 0).toList();
        if (measured.size() < 2) {
            return null;
        }
        return round(measured.get(measured.size() - 1).p95Ms() / measured.get(0).p95Ms(), 2);
    }

    /** A stage whose mean utilisation reached this was (nearly) full: it bounds the answer instead of fitting the line. */
    static final double SATURATED = 0.9;

    /**
     * Least squares through (load, utilisation) of the stages below saturation; one point:
     * proportional, as report 001 estimated. A saturated stage is a measurement, not a point on the
     * line: the pool was full at or below its load, so the answer is never above it.
     */
    static Double poolFullAt(List<StagePoint> stages) {
        List<StagePoint> all = stages.stream().filter(s -> s.poolUtilisation() != null && s.load() > 0).toList();
        if (all.isEmpty() || !all.stream().allMatch(p -> p.unit().equals(all.get(0).unit()))) {
            return null;
        }
        List<StagePoint> points = all.stream().filter(p -> p.poolUtilisation() < SATURATED).toList();
        Double fullAtMost = all.stream().filter(p -> p.poolUtilisation() >= SATURATED).map(StagePoint::load)
                .min(Double::compare).orElse(null);
        Double estimate = fit(points);
        if (fullAtMost != null && (estimate == null || estimate > fullAtMost)) {
            return round(fullAtMost, 0);
        }
        return estimate;
    }

    private static Double fit(List<StagePoint> points) {
        if (points.isEmpty()) {
            return null;
        }
        if (points.size() == 1) {
            StagePoint p = points.get(0);
            return p.poolUtilisation() <= 0 ? null : round(p.load() / p.poolUtilisation(), 0);
        }
        double n = points.size();
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (StagePoint p : points) {
            sx += p.load();
            sy += p.poolUtilisation();
            sxx += p.load() * p.load();
            sxy += p.load() * p.poolUtilisation();
        }
        double denominator = n * sxx - sx * sx;
        if (denominator == 0) {
            return null;
        }
        double slope = (n * sxy - sx * sy) / denominator;
        double intercept = (sy - slope * sx) / n;
        return slope <= 0 ? null : round((1.0 - intercept) / slope, 0);
    }

    private static String summary(List<StagePoint> stages, String linearThrough, List<Double> efficiency, Double growth,
                                  Double poolFullAt, String lastPassed, String firstFailed) {
        if (stages.isEmpty()) {
            return "no stage was measured";
        }
        List<String> parts = new ArrayList<>();
        StagePoint first = stages.get(0);
        if (linearThrough != null && !linearThrough.equals(first.name())) {
            int i = indexOf(stages, linearThrough);
            StagePoint s = stages.get(i);
            parts.add(String.format(Locale.ROOT, "throughput scaled linearly through %s (%.1f× the load of %s gave %.1f× "
                    + "the throughput, %.0f%% efficient)", linearThrough, s.load() / first.load(), first.name(),
                    s.throughput() / first.throughput(), 100 * efficiency.get(i)));
        }
        int next = linearThrough == null ? -1 : indexOf(stages, linearThrough) + 1;
        if (next > 0 && next < stages.size() && efficiency.get(next) != null) {
            parts.add(String.format(Locale.ROOT, "%sat %s it was %.0f%% efficient",
                    next == 1 ? "throughput did not keep up with load after " + first.name() + ": " : "",
                    stages.get(next).name(), 100 * efficiency.get(next)));
        }
        if (growth != null) {
            parts.add(String.format(Locale.ROOT, "p95 grew %.1f× from %s to the last stage", growth, first.name()));
        }
        if (poolFullAt != null) {
            parts.add(String.format(Locale.ROOT, "the connection pool would be full at about %.0f %s", poolFullAt, first.unit()));
        }
        parts.add(lastPassed == null ? "no stage passed" : "last passed: " + lastPassed);
        if (firstFailed != null) {
            parts.add("first failed: " + firstFailed);
        }
        return String.join("; ", parts);
    }

    private static int indexOf(List<StagePoint> stages, String name) {
        for (int i = 0; i < stages.size(); i++) {
            if (stages.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static double round(double v, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(v * scale) / scale;
    }
}
