package dev.crescendo.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The test's own table checker must catch what it is there to catch. */
class MarkdownTablesTest {
    @Test
    void splitsAtUnescapedPipesOnly() {
        assertThat(MarkdownTables.cells("| a \\| b | c\\\\ | d |", 0)).containsExactly("a \\| b", "c\\\\", "d");
    }

    @Test
    void aRowWithTooManyCellsIsReported() {
        assertThatThrownBy(() -> MarkdownTables.parse("| a | b |\n| --- | --- |\n| 1 | 2 | 3 |\n"))
                .hasMessageContaining("line 3").hasMessageContaining("3 cells under a header of 2");
    }

    @Test
    void aTableWithoutItsSeparatorRowIsReported() {
        assertThatThrownBy(() -> MarkdownTables.parse("| a | b |\n| 1 | 2 |\n")).hasMessageContaining("not a separator row");
    }
}
