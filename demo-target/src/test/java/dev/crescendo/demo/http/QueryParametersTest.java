package dev.crescendo.demo.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class QueryParametersTest {
    @Test
    void decodesValuesAndTheFirstOfARepeatedNameWins() throws Exception {
        QueryParameters q = QueryParameters.parse("limit=5&cursor=12&limit=9&name=a%20b+c");
        assertThat(q.get("limit")).isEqualTo("5");
        assertThat(q.get("cursor")).isEqualTo("12");
        assertThat(q.get("name")).isEqualTo("a b c");
        assertThat(q.get("missing")).isNull();
        assertThat(QueryParameters.parse(null).get("limit")).isNull();
    }

    @Test
    void anEmptyValueIsAbsent() throws Exception {
        QueryParameters q = QueryParameters.parse("cursor=&limit");
        assertThat(q.get("cursor")).isNull();
        assertThat(q.get("limit")).isNull();
    }

    @Test
    void badPercentEncodingIs400() {
        assertThatThrownBy(() -> QueryParameters.parse("cursor=%zz"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining("%zz");
    }
}
