package dev.crescendo.report;

/**
 * Inline and block pieces of GitHub-flavoured Markdown. Free text (status messages, response bodies)
 * goes through {@link #text} so a stray {@code *} or {@code <tag>} in it cannot turn into
 * emphasis or HTML.
 */
final class Markdown {
    // Not "_": GitHub never reads an underscore inside a word as emphasis, and status text is full of
    // client_error and hikaricp_connections_active, which should stay readable in the raw file.
    private static final String SPECIAL = "\\`*<>[]";

    private Markdown() {}

    /** {@code s} shown as it is: Markdown's punctuation backslash-escaped. */
    static String text(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (SPECIAL.indexOf(ch) >= 0) {
                out.append('\\');
            }
            out.append(ch);
        }
        return out.toString();
    }

    /**
     * A code span on one line. The fence is one backtick longer than any run inside, and padded when
     * the content starts or ends with one, as CommonMark requires.
     */
    static String code(String s) {
        String oneLine = s == null ? "" : s.strip().replaceAll("\\s+", " ");
        int longest = 0;
        int run = 0;
        for (int i = 0; i < oneLine.length(); i++) {
            run = oneLine.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String fence = "`".repeat(longest + 1);
        boolean pad = oneLine.startsWith("`") || oneLine.endsWith("`");
        return fence + (pad ? " " : "") + oneLine + (pad ? " " : "") + fence;
    }

    /** A block quote: every line of {@code s} prefixed, so a multi-line message stays inside it. */
    static String quote(String s) {
        StringBuilder out = new StringBuilder();
        for (String line : s.strip().split("\\R", -1)) {
            out.append(line.isBlank() ? ">" : "> " + text(line)).append('\n');
        }
        return out.toString();
    }

    /** Adds "- **label:** value" to {@code facts} when there is a value. */
    static void fact(java.util.List<String> facts, String label, String value) {
        if (value != null && !value.isBlank()) {
            facts.add("- **" + label + ":** " + value);
        }
    }

    static String heading(int level, String title) {
        return "#".repeat(level) + " " + title + "\n";
    }
}
