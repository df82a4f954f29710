package dev.crescendo.metrics;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ${name}} placeholders in a PromQL threshold, filled per stage so one query can select the
 * running stage's series: {@code ${campaign}}, {@code ${namespace}}, {@code ${stage}}, {@code ${run}},
 * {@code ${stageStart}} (Unix seconds) and {@code ${window}} (the evaluation window as a PromQL
 * duration, e.g. {@code 30s}, for {@code rate(x[${window}])}).
 */
public final class QueryTemplate {
    public static final Set<String> VARIABLES = Set.of("campaign", "namespace", "stage", "run", "stageStart", "window");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");

    private QueryTemplate() {}

    /** Placeholders that are not one of {@link #VARIABLES}, in order of appearance. */
    public static Set<String> unknownVariables(String query) {
        Set<String> unknown = new LinkedHashSet<>();
        Matcher m = PLACEHOLDER.matcher(query);
        while (m.find()) {
            if (!VARIABLES.contains(m.group(1))) {
                unknown.add(m.group(1));
            }
        }
        return unknown;
    }

    public static String render(String query, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(query);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException("no value for ${" + m.group(1) + "} in query " + query);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
