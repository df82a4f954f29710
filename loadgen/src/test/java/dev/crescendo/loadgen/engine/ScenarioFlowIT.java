package dev.crescendo.loadgen.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crescendo.loadgen.report.Summary;
import dev.crescendo.loadgen.testing.Stages;
import dev.crescendo.loadgen.testing.TestTarget;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Values extracted from responses reach later requests (what report 000's script got wrong). */
class ScenarioFlowIT {
    TestTarget target;

    @BeforeEach
    void start() throws Exception {
        target = new TestTarget();
    }

    @AfterEach
    void stop() {
        target.close();
    }

    @Test
    void extractedMessageIdsBecomeRealCursors() {
        Summary s = Stages.run("""
                stage: {name: chat, vus: 4, duration: 2s}
                target: {baseUrl: %s}
                scenario:
                  variables:
                    conversationId: {values: [c1, c2]}
                  operations:
                    - name: send
                      weight: 70
                      request: {method: POST, path: "/messages?c=${conversationId}", body: '{"content":"hi"}',
                                headers: {Content-Type: application/json}}
                      expect: {status: [201]}
                      extract: {messageId: "$.message.id"}
                    - name: history
                      weight: 30
                      request: {path: "/messages?limit=20&cursor=${messageId}"}
                      expect: {status: [200]}
                """.formatted(target.baseUrl()));

        assertThat(s.operations().get("send").count()).isPositive();
        assertThat(s.operations().get("history").count()).isPositive();
        assertThat(target.badCursors()).isEmpty();
        assertThat(s.outcomes().get("client_error")).isZero();
        assertThat(s.outcomes().get("ok")).isEqualTo(s.requests());
    }

    @Test
    void madeUpCursorsAreClientErrorsWithTheServersExplanation() {
        // Report 000: cursor=Date.now() instead of a message id. The generator must show why it failed.
        Summary s = Stages.run("""
                stage: {name: smoke, vus: 2, duration: 1s}
                target: {baseUrl: %s}
                scenario:
                  variables:
                    now: {values: ["1732262400000"]}
                  operations:
                    - {name: history, request: {path: "/messages?cursor=${now}"}}
                """.formatted(target.baseUrl()));

        assertThat(s.outcomes().get("client_error")).isEqualTo(s.requests()).isPositive();
        assertThat(s.errorSamples()).singleElement().satisfies(x -> {
            assertThat(x.status()).isEqualTo(400);
            assertThat(x.body()).contains("cursor must be a message id");
            assertThat(x.count()).isEqualTo(s.requests());
        });
    }

    @Test
    void optionalVariableIsEmptyUntilAValueExists() {
        Summary s = Stages.run("""
                stage: {name: optional, vus: 1, duration: 1s}
                target: {baseUrl: %s}
                scenario:
                  operations:
                    - {name: history, request: {path: "/messages?cursor=${messageId?}"}, expect: {status: [200]}}
                    - {name: never, weight: 1, request: {method: POST, path: /unused}, extract: {messageId: "$.id"}}
                """.formatted(target.baseUrl()));
        assertThat(s.operations().get("history").count()).isPositive();
        assertThat(target.badCursors()).isEmpty();
    }
}
