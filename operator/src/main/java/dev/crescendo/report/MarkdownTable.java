package dev.crescendo.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A GitHub-flavoured Markdown table: a header row, its separator row (which sets each column's
 * alignment), and rows of exactly as many cells. Cells are Markdown already (escape free text with
 * {@link Markdown#text}); the table itself escapes what would break its structure: a {@code |}
 * would start a new cell and a line break would end the row.
 */
final class MarkdownTable {
    static final String NONE = "–";

    private final List<String> headers = new ArrayList<>();
    private final List<Boolean> numeric = new ArrayList<>();
    private final List<List<String>> rows = new ArrayList<>();

    /** A left-aligned (text) column. */
    MarkdownTable text(String header) {
        headers.add(header);
        numeric.add(false);
        return this;
    }

    /** A right-aligned column, so numbers line up. */
    MarkdownTable number(String header) {
        headers.add(header);
        numeric.add(true);
        return this;
    }

    /** One row; {@code null} cells are shown as a dash. */
    MarkdownTable row(String... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("row of " + cells.length + " cells for " + headers.size() + " columns");
        }
        List<String> row = new ArrayList<>(cells.length);
        for (String cell : cells) {
            row.add(cell(cell));
        }
        rows.add(row);
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    String render() {
        StringBuilder out = new StringBuilder();
        line(out, headers.stream().map(MarkdownTable::cell).toList());
        line(out, numeric.stream().map(n -> n ? "---:" : "---").toList());
        rows.forEach(r -> line(out, r));
        return out.toString();
    }

    private static void line(StringBuilder out, List<String> cells) {
        out.append("| ").append(String.join(" | ", cells)).append(" |\n");
    }

    static String cell(String s) {
        if (s == null || s.isBlank()) {
            return NONE;
        }
        return s.strip().replace("|", "\\|").replaceAll("\\R", "<br>");
    }
}
