package dev.crescendo.cli;

import dev.crescendo.api.LoadCampaign;
import dev.crescendo.api.LoadCampaignStatus;
import dev.crescendo.api.LoadCampaignStatus.StageStatus;
import java.io.PrintWriter;
import java.util.Locale;

/** The final per-stage verdict table of a campaign, for a terminal. */
final class VerdictTable {
    private VerdictTable() {}

    static void print(PrintWriter out, LoadCampaign c) {
        LoadCampaignStatus s = c.getStatus();
        out.println();
        out.printf(Locale.ROOT, "%-12s %-13s %9s %10s %10s %10s  %s%n", "stage", "verdict", "requests", "req/s", "p95", "errors", "note");
        if (s.stages() != null) {
            for (StageStatus st : s.stages()) {
                long requests = st.requests() == null ? 0 : st.requests();
                long ok = st.outcomes() == null ? 0 : st.outcomes().getOrDefault("ok", 0L);
                String p95 = st.operations() == null ? "-" : st.operations().values().stream().map(o -> o.p95())
                        .filter(java.util.Objects::nonNull).max(java.util.Comparator.comparingDouble(VerdictTable::millis)).orElse("-");
                out.printf(Locale.ROOT, "%-12s %-13s %9d %10.1f %10s %9.2f%%  %s%n", st.name(),
                        st.verdict() == null ? st.phase() : st.verdict(), requests,
                        st.throughputPerSecond() == null ? 0.0 : st.throughputPerSecond(), p95,
                        requests == 0 ? 0.0 : 100.0 * (requests - ok) / requests, st.message() == null ? "" : st.message());
            }
        }
        out.printf("%ncampaign %s: %s%s%n", c.getMetadata().getName(), s.phase(), s.verdict() == null ? "" : " (" + s.verdict() + ")");
        if (s.message() != null) {
            out.println("  " + s.message());
        }
        if (s.breach() != null) {
            var b = s.breach();
            out.printf(Locale.ROOT, "  breach: %s = %s (fail %s) in stage %s, detected %s%s%n", b.threshold(), b.observed(),
                    b.limit(), b.stage(), b.detectedAt(), b.loadStoppedAt() == null ? ""
                            : String.format(Locale.ROOT, ", load stopped %.2f s later", java.time.Duration.between(
                                    java.time.Instant.parse(b.detectedAt()), java.time.Instant.parse(b.loadStoppedAt())).toMillis() / 1000.0));
        }
        if (s.diagnosis() != null) {
            out.println("  diagnosis: " + s.diagnosis().cause() + ": " + s.diagnosis().message());
        }
        if (s.capacity() != null) {
            out.println("  capacity: " + s.capacity().summary());
        }
    }

    private static double millis(String text) {
        return Double.parseDouble(text.replace("ms", ""));
    }
}
