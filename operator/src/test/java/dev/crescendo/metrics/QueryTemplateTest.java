package dev.crescendo.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryTemplateTest {
    @Test
    void placeholdersAreFilledPerStage() {
        String q = "sum(rate(http_server_requests_seconds_count{namespace=\"${namespace}\",status=~\"5..\"}[${window}]))"
                + " / on() group_left crescendo_stage_info{campaign=\"${campaign}\",stage=\"${stage}\"}";
        assertThat(QueryTemplate.render(q, Map.of("namespace", "perf", "window", "30s", "campaign", "chat", "stage", "heavy")))
                .isEqualTo("sum(rate(http_server_requests_seconds_count{namespace=\"perf\",status=~\"5..\"}[30s]))"
                        + " / on() group_left crescendo_stage_info{campaign=\"chat\",stage=\"heavy\"}");
    }

    @Test
    void unknownPlaceholdersAreNamedAndValuesAreNotRegexReplacements() {
        assertThat(QueryTemplate.unknownVariables("up{job=\"${job}\"} * ${stage} + ${Stage}")).containsExactly("job", "Stage");
        assertThat(QueryTemplate.render("x{a=\"${stage}\"}", Map.of("stage", "$1\\"))).isEqualTo("x{a=\"$1\\\"}");
        assertThatThrownBy(() -> QueryTemplate.render("${run}", Map.of())).hasMessageContaining("no value for ${run}");
    }
}
