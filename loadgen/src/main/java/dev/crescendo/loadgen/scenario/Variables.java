package dev.crescendo.loadgen.scenario;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** All variable pools of one stage, shared by every virtual user. */
public final class Variables {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Map<String, ValuePool> pools = new HashMap<>();

    /** @param fixedValues variable -> value list from the scenario; extracted-only variables map to an empty list */
    public Variables(Map<String, List<String>> fixedValues, int capacity) {
        fixedValues.forEach((name, values) -> pools.put(name, new ValuePool(values, capacity)));
    }

    public static boolean isValidName(String name) {
        return NAME.matcher(name).matches();
    }

    public ValuePool pool(String name) {
        ValuePool pool = pools.get(name);
        if (pool == null) {
            throw new IllegalArgumentException("undeclared variable " + name);
        }
        return pool;
    }

    public boolean hasValue(String name) {
        return !pool(name).isEmpty();
    }

    /** Fresh per-request bindings: each variable gets one value, chosen the first time it is used. */
    public Bindings bind() {
        return new Bindings(this);
    }
}
