package dev.crescendo.loadgen.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.crescendo.loadgen.stats.ErrorSamples;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Serialises a {@link Summary} within a byte budget (Kubernetes keeps 4096 bytes of a termination
 * message). What gives way first: error sample bodies get shorter, then the rarest samples go,
 * then the least-used operations, then thresholds; counts and outcomes always stay.
 */
public final class SummaryJson {
    public static final int TERMINATION_MESSAGE_LIMIT = 4096;
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private SummaryJson() {}

    public static String write(Summary summary) {
        return write(summary, TERMINATION_MESSAGE_LIMIT);
    }

    public static String write(Summary summary, int maxBytes) {
        String json = toJson(summary);
        if (fits(json, maxBytes)) {
            return json;
        }
        Summary s = summary;
        List<ErrorSamples.Sample> samples = s.errorSamples() == null ? List.of() : new ArrayList<>(s.errorSamples());
        for (int bodyLimit : new int[] {80, 40}) {
            s = s.withErrorSamples(shorten(samples, bodyLimit));
            json = toJson(s);
            if (fits(json, maxBytes)) {
                return json;
            }
        }
        samples = shorten(samples, 40);
        while (!samples.isEmpty()) {
            samples.remove(samples.size() - 1);
            s = s.withErrorSamples(List.copyOf(samples));
            json = toJson(s);
            if (fits(json, maxBytes)) {
                return json;
            }
        }
        List<Map.Entry<String, OperationLatency>> ops = new ArrayList<>(s.operations().entrySet());
        ops.sort(Comparator.comparingLong((Map.Entry<String, OperationLatency> e) -> e.getValue().count()).reversed());
        while (!ops.isEmpty()) {
            ops.remove(ops.size() - 1);
            Map<String, OperationLatency> kept = new LinkedHashMap<>();
            ops.forEach(e -> kept.put(e.getKey(), e.getValue()));
            s = s.withOperations(kept);
            json = toJson(s);
            if (fits(json, maxBytes)) {
                return json;
            }
        }
        if (s.thresholds() != null) {
            List<dev.crescendo.loadgen.threshold.ThresholdResult> kept = new ArrayList<>(s.thresholds());
            while (!kept.isEmpty() && !fits(json, maxBytes)) {
                kept.remove(kept.size() - 1);
                s = s.withThresholds(List.copyOf(kept));
                json = toJson(s);
            }
        }
        return json; // counts, outcomes and the abort reason alone are far below the limit
    }

    private static List<ErrorSamples.Sample> shorten(List<ErrorSamples.Sample> samples, int limit) {
        List<ErrorSamples.Sample> out = new ArrayList<>();
        for (ErrorSamples.Sample x : samples) {
            String body = x.body() == null || x.body().length() <= limit ? x.body() : x.body().substring(0, limit) + "…";
            out.add(new ErrorSamples.Sample(x.operation(), x.outcome(), x.status(), body, x.count()));
        }
        return out;
    }

    private static boolean fits(String json, int maxBytes) {
        return json.getBytes(StandardCharsets.UTF_8).length <= maxBytes;
    }

    public static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Summary parse(String json) throws JsonProcessingException {
        return JSON.readValue(json, Summary.class);
    }
}
