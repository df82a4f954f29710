package dev.crescendo.loadgen.scenario;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A string with {@code ${name}} (required value) and {@code ${name?}} (empty when no value yet)
 * placeholders, parsed once and rendered per request.
 */
public final class Template {
    private final String source;
    private final List<Part> parts;

    private record Part(String literal, String variable, boolean optional) {}

    private Template(String source, List<Part> parts) {
        this.source = source;
        this.parts = parts;
    }

    public static Template parse(String source) {
        List<Part> parts = new ArrayList<>();
        int at = 0;
        while (at < source.length()) {
            int open = source.indexOf("${", at);
            if (open < 0) {
                parts.add(new Part(source.substring(at), null, false));
                break;
            }
            if (open > at) {
                parts.add(new Part(source.substring(at, open), null, false));
            }
            int close = source.indexOf('}', open);
            if (close < 0) {
                throw new IllegalArgumentException("unterminated '${' at position " + open + " in '" + source + "'");
            }
            String name = source.substring(open + 2, close);
            boolean optional = name.endsWith("?");
            if (optional) {
                name = name.substring(0, name.length() - 1);
            }
            if (!Variables.isValidName(name)) {
                throw new IllegalArgumentException("invalid variable name '" + name + "' in '" + source
                        + "' (letters, digits and _ only, not starting with a digit)");
            }
            parts.add(new Part(null, name, optional));
            at = close + 1;
        }
        return new Template(source, List.copyOf(parts));
    }

    public boolean isConstant() {
        return parts.stream().allMatch(p -> p.variable == null);
    }

    /** Variables this template cannot render without. */
    public Set<String> requiredVariables() {
        Set<String> out = new LinkedHashSet<>();
        parts.stream().filter(p -> p.variable != null && !p.optional).forEach(p -> out.add(p.variable));
        return out;
    }

    public Set<String> variables() {
        Set<String> out = new LinkedHashSet<>();
        parts.stream().filter(p -> p.variable != null).forEach(p -> out.add(p.variable));
        return out;
    }

    /**
     * Renders with the request's bindings; {@code escape} is applied to substituted values only
     * (percent-encoding in paths, nothing in bodies).
     *
     * @throws IllegalStateException when a required variable has no value (callers check first)
     */
    public String render(Bindings bindings, UnaryOperator<String> escape) {
        if (parts.size() == 1 && parts.get(0).variable == null) {
            return parts.get(0).literal;
        }
        StringBuilder out = new StringBuilder(source.length() + 32);
        for (Part part : parts) {
            if (part.variable == null) {
                out.append(part.literal);
                continue;
            }
            String value = bindings.value(part.variable);
            if (value == null) {
                if (!part.optional) {
                    throw new IllegalStateException("no value for ${" + part.variable + "}");
                }
                continue;
            }
            out.append(escape.apply(value));
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return source;
    }
}
