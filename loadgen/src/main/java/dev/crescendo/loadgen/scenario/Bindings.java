package dev.crescendo.loadgen.scenario;

import java.util.HashMap;
import java.util.Map;

/** Values chosen for one request: {@code ${userId}} twice in a request is the same user. Single-threaded. */
public final class Bindings {
    private final Variables variables;
    private Map<String, String> chosen;

    Bindings(Variables variables) {
        this.variables = variables;
    }

    public String value(String name) {
        if (chosen == null) {
            chosen = new HashMap<>(4);
        }
        return chosen.computeIfAbsent(name, n -> variables.pool(n).pick());
    }
}
