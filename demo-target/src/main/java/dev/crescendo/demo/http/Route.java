package dev.crescendo.demo.http;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A method and a path template such as {@code /api/v1/conversations/{id}/messages}; each
 * {@code {name}} matches one non-empty path segment. The template is also the {@code uri} label of the
 * request metrics, so ids never become label values.
 */
public record Route(String method, String template, RouteHandler handler, Pattern pattern, List<String> parameterNames) {
    private static final Pattern PARAMETER = Pattern.compile("\\{([a-zA-Z]+)}");

    public static Route of(String method, String template, RouteHandler handler) {
        List<String> names = new ArrayList<>();
        StringBuilder regex = new StringBuilder();
        Matcher m = PARAMETER.matcher(template);
        int at = 0;
        while (m.find()) {
            regex.append(Pattern.quote(template.substring(at, m.start()))).append("([^/]+)");
            names.add(m.group(1));
            at = m.end();
        }
        regex.append(Pattern.quote(template.substring(at)));
        return new Route(method, template, handler, Pattern.compile(regex.toString()), List.copyOf(names));
    }
}
