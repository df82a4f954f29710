package dev.crescendo.loadgen.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crescendo.loadgen.engine.Outcome;
import dev.crescendo.loadgen.testing.Stages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Classification of complete responses: one class each, expected statuses count as ok. */
class OperationJudgementTest {

    private static Scenario scenario(String operation) {
        return Stages.scenario("operations:\n  - " + operation);
    }

    @ParameterizedTest(name = "status {0} without expect -> {1}")
    @CsvSource({"200, OK", "204, OK", "301, OK", "400, CLIENT_ERROR", "404, CLIENT_ERROR", "429, RATE_LIMITED",
        "500, SERVER_ERROR", "503, SERVER_ERROR", "101, CHECK_FAILED"})
    void defaultExpectationIsAny2xxOr3xx(int status, Outcome outcome) {
        Scenario s = scenario("{name: get, request: {path: /}}");
        assertThat(s.operations().get(0).judge(status, "", s.variables()).outcome()).isEqualTo(outcome);
    }

    @ParameterizedTest(name = "status {0} with expect [200, 429] -> {1}")
    @CsvSource({"200, OK", "429, OK", "201, CHECK_FAILED", "302, CHECK_FAILED", "404, CLIENT_ERROR", "502, SERVER_ERROR"})
    void listedStatusesAreOkAndOtherSuccessesFailTheCheck(int status, Outcome outcome) {
        Scenario s = scenario("{name: limited, request: {path: /}, expect: {status: [200, 429]}}");
        assertThat(s.operations().get(0).judge(status, "", s.variables()).outcome()).isEqualTo(outcome);
    }

    @Test
    void healthBodyCheckFailsOnDegraded() {
        // Report 004: health answered 200 with "degraded"; a status-only check would have passed it.
        Scenario s = scenario("{name: health, request: {path: /health}, expect: {status: [200], body: {jsonPath: $.status, equals: ok}}}");
        Operation health = s.operations().get(0);
        assertThat(health.judge(200, "{\"status\":\"ok\"}", s.variables()).outcome()).isEqualTo(Outcome.OK);
        Operation.Judgement degraded = health.judge(200, "{\"status\":\"degraded\"}", s.variables());
        assertThat(degraded.outcome()).isEqualTo(Outcome.CHECK_FAILED);
        assertThat(degraded.detail()).contains("$.status").contains("'degraded'");
        assertThat(health.judge(200, "<html>", s.variables()).detail()).contains("not valid JSON");
        assertThat(health.judge(503, "{\"status\":\"ok\"}", s.variables()).outcome()).isEqualTo(Outcome.SERVER_ERROR);
    }

    @Test
    void containsCheck() {
        Scenario s = scenario("{name: page, request: {path: /}, expect: {body: {contains: Welcome}}}");
        Operation page = s.operations().get(0);
        assertThat(page.judge(200, "<h1>Welcome</h1>", s.variables()).outcome()).isEqualTo(Outcome.OK);
        assertThat(page.judge(200, "<h1>Error</h1>", s.variables()).detail()).contains("does not contain 'Welcome'");
    }

    @Test
    void missingExtractionFailsTheCheckAndAddsNothing() {
        Scenario s = scenario("{name: send, request: {method: POST, path: /m}, extract: {messageId: $.message.id}}");
        Operation send = s.operations().get(0);
        Operation.Judgement j = send.judge(201, "{\"error\":null}", s.variables());
        assertThat(j.outcome()).isEqualTo(Outcome.CHECK_FAILED);
        assertThat(j.detail()).contains("extract messageId").contains("not found");
        assertThat(s.variables().pool("messageId").isEmpty()).isTrue();
        assertThat(send.judge(201, "", s.variables()).detail()).contains("empty");
    }

    @Test
    void errorResponsesAreNotParsedForExtraction() {
        Scenario s = scenario("{name: send, request: {method: POST, path: /m}, extract: {messageId: $.message.id}}");
        Operation send = s.operations().get(0);
        assertThat(send.judge(400, "{\"message\":{\"id\":\"x\"}}", s.variables()).outcome()).isEqualTo(Outcome.CLIENT_ERROR);
        assertThat(s.variables().pool("messageId").isEmpty()).isTrue();
    }
}
