package dev.crescendo.loadgen.stats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crescendo.loadgen.engine.Outcome;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ErrorSamplesTest {
    @Test
    void keepsDistinctSamplesWithCountsMostFrequentFirst() {
        ErrorSamples samples = new ErrorSamples();
        for (int i = 0; i < 3; i++) {
            samples.add("history", Outcome.CLIENT_ERROR, 400, "{\"error\":\"bad cursor\"}");
        }
        samples.add("send", Outcome.SERVER_ERROR, 503, "down");
        assertThat(samples.snapshot()).extracting(ErrorSamples.Sample::operation, ErrorSamples.Sample::count)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("history", 3L),
                        org.assertj.core.groups.Tuple.tuple("send", 1L));
    }

    @Test
    void isBoundedAndCountsWhatItDidNotKeep() {
        ErrorSamples samples = new ErrorSamples();
        for (int i = 0; i < 25; i++) {
            samples.add("op", Outcome.CLIENT_ERROR, 400, "error " + i);
        }
        assertThat(samples.snapshot()).hasSize(ErrorSamples.MAX_DISTINCT);
        assertThat(samples.unsampled()).isEqualTo(15);
    }

    @Test
    void bodiesAreCutToTwoHundredBytesOnACharacterBoundary() {
        ErrorSamples samples = new ErrorSamples();
        samples.add("op", Outcome.SERVER_ERROR, 500, "é".repeat(300));
        String body = samples.snapshot().get(0).body();
        assertThat(body.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(200);
        assertThat(body).matches("é+");
    }
}
