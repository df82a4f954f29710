package dev.crescendo.loadgen.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crescendo.loadgen.stats.ErrorSamples;
import dev.crescendo.loadgen.threshold.ThresholdResult;
import dev.crescendo.loadgen.threshold.Verdict;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The summary always fits a termination message, giving up the least useful parts first. */
class SummaryJsonTest {

    private static Summary summary(int operations, int samples, int bodyLength) {
        Map<String, Long> outcomes = new LinkedHashMap<>();
        outcomes.put("ok", 295L);
        outcomes.put("client_error", 5L);
        Map<String, OperationLatency> ops = new LinkedHashMap<>();
        for (int i = 0; i < operations; i++) {
            ops.put("operation-with-a-long-name-" + i, new OperationLatency(1000 - i, 12.345, 22.5, 29.125, 30.0));
        }
        List<ErrorSamples.Sample> errors = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            errors.add(new ErrorSamples.Sample("history", "client_error", 400, ("{\"error\":\"cursor " + i + "\"}").repeat(bodyLength / 20 + 1).substring(0, bodyLength), 100 - i));
        }
        return new Summary("smoke", 300, 30.0, 10.0, 0, 0, 0, outcomes, ops,
                List.of(new ThresholdResult("send-p95", "22.5ms", "250ms", Verdict.PASSED)), errors, null, null);
    }

    private static int bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8).length;
    }

    @Test
    void smallSummaryIsWrittenWhole() throws Exception {
        Summary s = summary(2, 2, 50);
        String json = SummaryJson.write(s);
        assertThat(SummaryJson.parse(json)).isEqualTo(s);
        assertThat(json).startsWith("{\"stage\":\"smoke\",\"requests\":300,\"durationSeconds\":30.0,\"throughputPerSecond\":10.0");
        assertThat(json).doesNotContain("truncated").doesNotContain("abortReason");
    }

    @Test
    void errorSamplesShrinkFirst() throws Exception {
        Summary s = summary(8, 10, 200);
        assertThat(bytes(SummaryJson.toJson(s))).isGreaterThan(4096);
        String json = SummaryJson.write(s);
        assertThat(bytes(json)).isLessThanOrEqualTo(4096);
        Summary back = SummaryJson.parse(json);
        assertThat(back.operations()).hasSize(8);
        assertThat(back.truncated()).isNull();
        assertThat(back.errorSamples()).isNotEmpty();
        assertThat(back.errorSamples().get(0).count()).isEqualTo(100); // the most frequent stays
        assertThat(back.errorSamples().get(0).body().length()).isLessThan(200);
    }

    @Test
    void manyOperationsAreCutToTheBusiestAndMarkedTruncated() throws Exception {
        Summary s = summary(60, 10, 200);
        String json = SummaryJson.write(s);
        assertThat(bytes(json)).isLessThanOrEqualTo(4096);
        Summary back = SummaryJson.parse(json);
        assertThat(back.truncated()).isTrue();
        assertThat(back.errorSamples()).isEmpty();
        assertThat(back.operations()).isNotEmpty().containsKey("operation-with-a-long-name-0");
        assertThat(back.requests()).isEqualTo(300);
        assertThat(back.outcomes()).isEqualTo(s.outcomes());
    }

    @Test
    void multiByteBodiesStillFit() {
        Summary s = summary(3, 10, 200);
        List<ErrorSamples.Sample> wide = s.errorSamples().stream()
                .map(x -> new ErrorSamples.Sample(x.operation(), x.outcome(), x.status(), "ошибка ".repeat(28), x.count())).toList();
        assertThat(bytes(SummaryJson.write(s.withErrorSamples(wide)))).isLessThanOrEqualTo(4096);
    }
}
