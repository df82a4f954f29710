package dev.crescendo.loadgen.scenario;

import com.jayway.jsonpath.JsonPath;
import dev.crescendo.loadgen.engine.Outcome;
import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One compiled scenario operation: how to build its request and how to judge its response.
 *
 * @param expectedStatus statuses that count as ok; null means any 2xx or 3xx
 * @param extract        variable -> JSONPath whose values feed that variable's pool
 */
public record Operation(
        String name,
        int index,
        int weight,
        String method,
        Template path,
        Map<String, Template> headers,
        Template body,
        BitSet expectedStatus,
        BodyCheck bodyCheck,
        Map<String, JsonPath> extract,
        Duration timeout,
        Set<String> requiredVariables) {

    /** What a response turned out to be, and, when it is not ok, a short reason for the error sample. */
    public record Judgement(Outcome outcome, String detail) {
        static final Judgement OK = new Judgement(Outcome.OK, null);
    }

    /** Safe to send twice (RFC 9110 §9.2.2): a request lost to a stale connection may be retried. */
    public boolean isIdempotent() {
        return switch (method) {
            case "GET", "HEAD", "PUT", "DELETE", "OPTIONS" -> true;
            default -> false;
        };
    }

    public boolean isHead() {
        return method.equals("HEAD");
    }

    public boolean statusExpected(int status) {
        return expectedStatus == null ? status >= 200 && status < 400 : expectedStatus.get(status);
    }

    /** True when a successful response's body must be read (to check it or extract from it). */
    public boolean needsBody() {
        return bodyCheck != null || !extract.isEmpty();
    }

    public boolean isRunnable(Variables variables) {
        for (String name : requiredVariables) {
            if (!variables.hasValue(name)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Classifies a complete response and, when it is ok, feeds extracted values to the pools.
     * A missing extraction is a failed check: later requests would otherwise run on made-up data
     * (report 000's cursor).
     */
    public Judgement judge(int status, String responseBody, Variables variables) {
        if (!statusExpected(status)) {
            return new Judgement(Outcome.ofUnexpectedStatus(status), null);
        }
        if (!needsBody()) {
            return Judgement.OK;
        }
        ResponseJson json = null;
        if (!extract.isEmpty() || bodyCheck.needsJson()) {
            try {
                json = ResponseJson.parse(responseBody);
            } catch (IllegalArgumentException e) {
                return new Judgement(Outcome.CHECK_FAILED, e.getMessage());
            }
        }
        if (bodyCheck != null) {
            String failure = bodyCheck.failure(responseBody, json);
            if (failure != null) {
                return new Judgement(Outcome.CHECK_FAILED, failure);
            }
        }
        for (Map.Entry<String, JsonPath> e : extract.entrySet()) {
            List<String> values = json.scalars(e.getValue());
            if (values.isEmpty()) {
                return new Judgement(Outcome.CHECK_FAILED,
                        "extract " + e.getKey() + ": " + e.getValue().getPath() + " not found in response");
            }
            ValuePool pool = variables.pool(e.getKey());
            values.forEach(pool::add);
        }
        return Judgement.OK;
    }
}
