package dev.crescendo.loadgen.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crescendo.loadgen.scenario.Scenario;
import dev.crescendo.loadgen.testing.Stages;
import io.netty.buffer.ByteBuf;
import org.junit.jupiter.api.Test;

class RequestFactoryTest {

    private static RequestFactory factory(Scenario s, String baseUrl) {
        return new RequestFactory(TargetAddress.of(baseUrl), s.operations(), s.variables());
    }

    private static Scenario scenario(String operations) {
        return Stages.scenario("""
                variables:
                  userId: {values: ["u 1"]}
                operations:
                """ + operations.indent(2));
    }

    @Test
    void encodesAConstantGetOnceWithBasePathAndHost() {
        Scenario s = scenario("- {name: health, request: {path: /health}}");
        RequestFactory f = factory(s, "http://chat.perf.svc:3001/api/v1/");
        assertThat(f.describe(s.operations().get(0))).isEqualTo("""
                GET /api/v1/health HTTP/1.1\r
                Host: chat.perf.svc:3001\r
                User-Agent: crescendo-loadgen\r
                Accept: */*\r
                \r
                """);
        ByteBuf a = f.create(s.operations().get(0));
        ByteBuf b = f.create(s.operations().get(0));
        a.skipBytes(a.readableBytes()); // writing one view must not consume another
        assertThat(b.readableBytes()).isPositive();
        assertThat(a.release()).isFalse(); // shared bytes are never freed by a write
    }

    @Test
    void rendersVariablesEncodesThePathAndComputesContentLength() {
        Scenario s = scenario("""
                - name: send
                  request:
                    method: post
                    path: "/users/${userId}/messages"
                    headers: {Content-Type: application/json, X-User: "${userId}", content-length: "999"}
                    body: '{"userId":"${userId}","text":"héllo"}'
                """);
        String request = factory(s, "http://127.0.0.1:8080").describe(s.operations().get(0));
        assertThat(request).startsWith("POST /users/u%201/messages HTTP/1.1\r\n")
                .contains("Content-Type: application/json\r\n")
                .contains("X-User: u 1\r\n")
                .contains("Host: 127.0.0.1:8080\r\n")
                .contains("Content-Length: 32\r\n")
                .doesNotContain("999")
                .endsWith("\r\n\r\n{\"userId\":\"u 1\",\"text\":\"héllo\"}");
    }

    @Test
    void defaultPortIsLeftOutOfTheHostHeaderAndUserHeadersWin() {
        Scenario s = scenario("- {name: a, request: {path: /, headers: {Host: other.example, Accept: text/html}}}");
        String request = factory(s, "https://example.test").describe(s.operations().get(0));
        assertThat(request).contains("Host: other.example\r\n").contains("Accept: text/html\r\n")
                .doesNotContain("Accept: */*").doesNotContain("example.test");
        Scenario plain = scenario("- {name: a, request: {path: /}}");
        assertThat(factory(plain, "https://example.test").describe(plain.operations().get(0))).contains("Host: example.test\r\n");
    }
}
