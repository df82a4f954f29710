package dev.crescendo.loadgen.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ValuePoolTest {
    @Test
    void emptyUntilAValueArrives() {
        ValuePool pool = new ValuePool(List.of(), 4);
        assertThat(pool.isEmpty()).isTrue();
        assertThat(pool.pick()).isNull();
        pool.add("a");
        assertThat(pool.pick()).isEqualTo("a");
    }

    @Test
    void extractedValuesAreBoundedAndKeepTheNewest() {
        ValuePool pool = new ValuePool(List.of("fixed"), 4);
        for (int i = 0; i < 10; i++) {
            pool.add("v" + i);
        }
        assertThat(pool.size()).isEqualTo(5);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            seen.add(pool.pick());
        }
        assertThat(seen).containsExactlyInAnyOrder("fixed", "v6", "v7", "v8", "v9");
    }
}
