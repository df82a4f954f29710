package dev.crescendo.demo.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

class RouteTest {
    private final Route route = Route.of("GET", "/api/v1/conversations/{id}/messages", r -> Response.error(500, "unused"));

    @Test
    void aParameterMatchesOneNonEmptySegment() {
        Matcher m = route.pattern().matcher("/api/v1/conversations/c-42/messages");
        assertThat(m.matches()).isTrue();
        assertThat(m.group(1)).isEqualTo("c-42");
        assertThat(route.parameterNames()).containsExactly("id");
        assertThat(route.pattern().matcher("/api/v1/conversations//messages").matches()).isFalse();
        assertThat(route.pattern().matcher("/api/v1/conversations/a/b/messages").matches()).isFalse();
        assertThat(route.pattern().matcher("/api/v1/conversations/a/messages/").matches()).isFalse();
    }

    @Test
    void theRestOfTheTemplateIsLiteral() {
        Route dotted = Route.of("GET", "/v1.0/health", r -> Response.error(500, "unused"));
        assertThat(dotted.pattern().matcher("/v1.0/health").matches()).isTrue();
        assertThat(dotted.pattern().matcher("/v1x0/health").matches()).isFalse();
    }
}
