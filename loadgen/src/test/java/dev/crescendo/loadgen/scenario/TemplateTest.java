package dev.crescendo.loadgen.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateTest {
    private final Variables variables = new Variables(Map.of(
            "userId", List.of("u1"),
            "conversationId", List.of("c 1/x"),
            "messageId", List.of()), 16);

    @Test
    void substitutesRequiredAndOptionalVariables() {
        Template t = Template.parse("/conversations/${conversationId}/messages?cursor=${messageId?}&u=${userId}");
        assertThat(t.requiredVariables()).containsExactly("conversationId", "userId");
        assertThat(t.variables()).containsExactly("conversationId", "messageId", "userId");
        assertThat(t.render(variables.bind(), v -> v)).isEqualTo("/conversations/c 1/x/messages?cursor=&u=u1");
    }

    @Test
    void escapesOnlySubstitutedValues() {
        Template t = Template.parse("/c/${conversationId}?a=b c");
        String rendered = t.render(variables.bind(), v -> URLEncoder.encode(v, StandardCharsets.UTF_8).replace("+", "%20"));
        assertThat(rendered).isEqualTo("/c/c%201%2Fx?a=b c");
    }

    @Test
    void sameVariableTwiceInOneRequestHasOneValue() {
        variables.pool("messageId").add("m1");
        variables.pool("messageId").add("m2");
        variables.pool("messageId").add("m3");
        for (int i = 0; i < 50; i++) {
            Bindings b = variables.bind();
            String out = Template.parse("${messageId}-${messageId}").render(b, v -> v);
            String[] halves = out.split("-");
            assertThat(halves[0]).isEqualTo(halves[1]);
        }
    }

    @Test
    void requiredVariableWithoutValueCannotRender() {
        Template t = Template.parse("/m?cursor=${messageId}");
        assertThatThrownBy(() -> t.render(variables.bind(), v -> v)).hasMessageContaining("messageId");
    }

    @Test
    void constantTemplatesAreRecognised() {
        assertThat(Template.parse("/health").isConstant()).isTrue();
        assertThat(Template.parse("").isConstant()).isTrue();
        assertThat(Template.parse("/x/${userId}").isConstant()).isFalse();
    }

    @Test
    void malformedPlaceholdersAreRejectedWithTheText() {
        assertThatThrownBy(() -> Template.parse("/m/${id")).hasMessageContaining("unterminated").hasMessageContaining("/m/${id");
        assertThatThrownBy(() -> Template.parse("/m/${1id}")).hasMessageContaining("invalid variable name '1id'");
    }
}
