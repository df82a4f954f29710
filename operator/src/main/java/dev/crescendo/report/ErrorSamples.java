package dev.crescendo.report;

import dev.crescendo.api.LoadCampaignStatus.ErrorSample;
import dev.crescendo.api.LoadCampaignStatus.StageStatus;
import java.util.List;

/** Tables of the distinct error responses the load generator kept (status + the start of the body). */
final class ErrorSamples {
    /** Bodies are cut here: enough to read an error message, short enough to keep the table a table. */
    static final int BODY_LIMIT = 200;

    private ErrorSamples() {}

    /** The samples of every stage, with a stage column; empty when there are none. */
    static String ofStages(List<StageStatus> stages) {
        MarkdownTable t = new MarkdownTable().text("Stage").text("Operation").text("Outcome").number("Status")
                .number("Count").text("Body");
        for (StageStatus st : stages) {
            if (st.errorSamples() == null) {
                continue;
            }
            for (ErrorSample e : st.errorSamples()) {
                if (e != null) {
                    t.row(Markdown.text(st.name()), Markdown.text(e.operation()), Markdown.text(e.outcome()),
                            status(e), ReportFormat.count(e.count()), body(e.body()));
                }
            }
        }
        return t.isEmpty() ? "" : t.render();
    }

    /** The samples a diagnosis quotes; empty when there are none. */
    static String of(List<ErrorSample> samples) {
        MarkdownTable t = new MarkdownTable().text("Operation").text("Outcome").number("Status").number("Count")
                .text("Body");
        if (samples != null) {
            for (ErrorSample e : samples) {
                if (e != null) {
                    t.row(Markdown.text(e.operation()), Markdown.text(e.outcome()), status(e),
                            ReportFormat.count(e.count()), body(e.body()));
                }
            }
        }
        return t.isEmpty() ? "" : t.render();
    }

    private static String status(ErrorSample e) {
        return e.status() == null ? null : String.valueOf(e.status());
    }

    /** At most {@link #BODY_LIMIT} characters, escaped; the table turns its line breaks into {@code <br>}. */
    static String body(String body) {
        if (body == null || body.length() <= BODY_LIMIT) {
            return body == null ? null : Markdown.text(body);
        }
        // Never split a surrogate pair (an emoji in a body) in two.
        int end = Character.isHighSurrogate(body.charAt(BODY_LIMIT - 1)) ? BODY_LIMIT - 1 : BODY_LIMIT;
        return Markdown.text(body.substring(0, end).stripTrailing()) + "…";
    }
}
