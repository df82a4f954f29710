package dev.crescendo.report;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads the tables of a GitHub-flavoured Markdown document the way GitHub splits them: a header
 * row, a separator row of dashes, then rows; cells end at a pipe not escaped by a backslash. Any
 * structural problem (a row with the wrong number of cells, a table without its separator row) is
 * an {@link AssertionError} naming the line.
 */
final class MarkdownTables {
    private static final Pattern SEPARATOR_CELL = Pattern.compile(":?-+:?");

    /** One table: its header cells and its rows' cells, backslash escapes kept as written. */
    record Table(List<String> header, List<List<String>> rows) {
        /** The first row whose first cell is {@code first}. */
        List<String> row(String first) {
            return rows.stream().filter(r -> r.get(0).equals(first)).findFirst()
                    .orElseThrow(() -> new AssertionError("no row '" + first + "' in table " + header + ": " + rows));
        }

        List<String> column(String name) {
            int i = header.indexOf(name);
            if (i < 0) {
                throw new AssertionError("no column '" + name + "' in " + header);
            }
            return rows.stream().map(r -> r.get(i)).toList();
        }
    }

    private MarkdownTables() {}

    static List<Table> parse(String markdown) {
        String[] lines = markdown.split("\n", -1);
        List<Table> tables = new ArrayList<>();
        int i = 0;
        while (i < lines.length) {
            if (!lines[i].startsWith("|")) {
                i++;
                continue;
            }
            List<String> header = cells(lines[i], i);
            if (i + 1 >= lines.length || !lines[i + 1].startsWith("|")) {
                throw new AssertionError("line " + (i + 1) + ": a table row without a separator row: " + lines[i]);
            }
            List<String> separator = cells(lines[i + 1], i + 1);
            if (!separator.stream().allMatch(c -> SEPARATOR_CELL.matcher(c).matches())) {
                throw new AssertionError("line " + (i + 2) + ": not a separator row: " + lines[i + 1]);
            }
            check(separator.size() == header.size(), i + 1, "separator has " + separator.size() + " cells, header " + header.size());
            List<List<String>> rows = new ArrayList<>();
            i += 2;
            while (i < lines.length && lines[i].startsWith("|")) {
                List<String> row = cells(lines[i], i);
                check(row.size() == header.size(), i, row.size() + " cells under a header of " + header.size() + ": " + lines[i]);
                rows.add(row);
                i++;
            }
            tables.add(new Table(header, rows));
        }
        return tables;
    }

    /** The table whose header is exactly {@code header}. */
    static Table find(String markdown, String... header) {
        return parse(markdown).stream().filter(t -> t.header().equals(List.of(header))).findFirst()
                .orElseThrow(() -> new AssertionError("no table with header " + List.of(header)));
    }

    /** The cells of one row: split at unescaped pipes, as GitHub's table extension does. */
    static List<String> cells(String line, int index) {
        check(line.endsWith("|"), index, "a table row must end with |: " + line);
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        for (int i = 1; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (ch == '\\' && i + 1 < line.length()) {
                cell.append(ch).append(line.charAt(++i));
            } else if (ch == '|') {
                cells.add(cell.toString().strip());
                cell.setLength(0);
            } else {
                cell.append(ch);
            }
        }
        return cells;
    }

    private static void check(boolean ok, int index, String problem) {
        if (!ok) {
            throw new AssertionError("line " + (index + 1) + ": " + problem);
        }
    }
}
