package dev.crescendo.loadgen.stats;

import dev.crescendo.loadgen.engine.Outcome;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A bounded set of distinct error responses (operation, class, status, first bytes of the body
 * or the transport error), each with how often it was seen. Report 000 needed exactly this: the
 * 400 body said what was wrong with the cursor.
 */
public final class ErrorSamples {
    public static final int MAX_DISTINCT = 10;
    public static final int MAX_BODY_BYTES = 200;

    public record Sample(String operation, String outcome, int status, String body, long count) {}

    private record Key(String operation, Outcome outcome, int status, String body) {}

    private final Map<Key, long[]> samples = new LinkedHashMap<>();
    private long unsampled;

    /** @param status 0 when no response arrived */
    public synchronized void add(String operation, Outcome outcome, int status, String bodyOrError) {
        Key key = new Key(operation, outcome, status, truncate(bodyOrError));
        long[] count = samples.get(key);
        if (count != null) {
            count[0]++;
        } else if (samples.size() < MAX_DISTINCT) {
            samples.put(key, new long[] {1});
        } else {
            unsampled++;
        }
    }

    /** Most frequent first. */
    public synchronized List<Sample> snapshot() {
        List<Sample> out = new ArrayList<>();
        samples.forEach((k, c) -> out.add(new Sample(k.operation, k.outcome.wireName(), k.status, k.body, c[0])));
        out.sort(Comparator.comparingLong(Sample::count).reversed());
        return out;
    }

    /** Errors whose kind was not kept because {@link #MAX_DISTINCT} kinds were already sampled. */
    public synchronized long unsampled() {
        return unsampled;
    }

    static String truncate(String text) {
        if (text == null) {
            return "";
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_BODY_BYTES) {
            return text;
        }
        // Cut on a character boundary so the sample stays valid UTF-8.
        String cut = new String(bytes, 0, MAX_BODY_BYTES, StandardCharsets.UTF_8);
        if (cut.endsWith("\uFFFD")) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut;
    }
}
