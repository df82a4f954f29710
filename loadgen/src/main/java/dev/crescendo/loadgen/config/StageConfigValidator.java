package dev.crescendo.loadgen.config;

import dev.crescendo.loadgen.config.ScenarioSpec.OperationSpec;
import dev.crescendo.loadgen.engine.Outcome;
import dev.crescendo.loadgen.scenario.Template;
import dev.crescendo.loadgen.scenario.Variables;
import dev.crescendo.loadgen.threshold.Limits;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks a stage config and lists every problem with the path of the field it is about. */
public final class StageConfigValidator {
    private static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    private static final Pattern PATH = Pattern.compile("[^\\s\\p{Cntrl}]*");
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Pattern OPERATION_NAME = Pattern.compile(SchemaPatterns.OPERATION_NAME);
    private static final Pattern STAGE_NAME = Pattern.compile(SchemaPatterns.STAGE_NAME);

    private final List<String> problems = new ArrayList<>();

    private StageConfigValidator() {}

    public static List<String> validate(StageConfig config) {
        StageConfigValidator v = new StageConfigValidator();
        v.check(config);
        return v.problems;
    }

    private void problem(String path, String message) {
        problems.add(path + ": " + message);
    }

    private void check(StageConfig c) {
        checkTarget(c.target());
        checkStage(c.stage());
        Set<String> operations = checkScenario(c.scenario());
        if (c.thresholds() != null) {
            Set<String> names = new HashSet<>();
            for (int i = 0; i < c.thresholds().size(); i++) {
                checkThreshold("thresholds[" + i + "]", c.thresholds().get(i), names, operations);
            }
        }
        Duration window = duration("thresholdWindow", c.thresholdWindow());
        if (window != null && window.compareTo(Duration.ofSeconds(1)) < 0) {
            problem("thresholdWindow", "must be at least 1s");
        }
        if (c.fastFail() != null) {
            var f = c.fastFail();
            duration("fastFail.after", f.after());
            if (f.minRequests() != null && f.minRequests() < 1) {
                problem("fastFail.minRequests", "must be at least 1");
            }
            if (f.failureShare() != null && (f.failureShare() <= 0 || f.failureShare() > 1)) {
                problem("fastFail.failureShare", "must be in (0, 1]");
            }
        }
        if (c.metricsPort() != null && (c.metricsPort() < 0 || c.metricsPort() > 65535)) {
            problem("metricsPort", "must be between 0 and 65535");
        }
    }

    private void checkTarget(StageConfig.TargetSpec target) {
        if (target == null || target.baseUrl() == null || target.baseUrl().isBlank()) {
            problem("target.baseUrl", "is required (e.g. http://chat-backend.perf.svc:3001/api/v1)");
            return;
        }
        try {
            URI uri = new URI(target.baseUrl());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                problem("target.baseUrl", "must start with http:// or https://, got '" + target.baseUrl() + "'");
            } else if (uri.getHost() == null) {
                problem("target.baseUrl", "has no host: '" + target.baseUrl() + "'");
            } else if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
                problem("target.baseUrl", "must not carry a query or fragment; put them in the operation's path");
            }
        } catch (java.net.URISyntaxException e) {
            problem("target.baseUrl", "is not a valid URL: " + e.getMessage());
        }
        positive("target.connectTimeout", target.connectTimeout());
    }

    private void checkStage(StageConfig.StageSpec s) {
        if (s == null) {
            problem("stage", "is required: {name, vus or arrivalRate, duration}");
            return;
        }
        if (s.name() == null || s.name().isBlank()) {
            problem("stage.name", "is required");
        } else if (!STAGE_NAME.matcher(s.name()).matches() || s.name().length() > 40) {
            problem("stage.name", "'" + s.name() + "' must be lower-case letters, digits and '-', at most 40 characters"
                    + " (it becomes part of Job names)");
        }
        if ((s.vus() == null) == (s.arrivalRate() == null)) {
            problem("stage", "set exactly one of vus (closed model) or arrivalRate (open model, requests/s)");
        }
        if (s.vus() != null && s.vus() < 1) {
            problem("stage.vus", "must be at least 1");
        }
        if (s.arrivalRate() != null && !(s.arrivalRate() > 0)) {
            problem("stage.arrivalRate", "must be greater than 0 requests/s");
        }
        Duration duration = null;
        if (s.duration() == null) {
            problem("stage.duration", "is required (e.g. 30s, 2m)");
        } else {
            duration = positive("stage.duration", s.duration());
        }
        Duration rampUp = duration("stage.rampUp", s.rampUp());
        if (rampUp != null) {
            if (s.arrivalRate() != null) {
                problem("stage.rampUp", "applies to vus only; an open-model stage runs at its arrivalRate");
            } else if (duration != null && rampUp.compareTo(duration) > 0) {
                problem("stage.rampUp", "must not be longer than the stage duration");
            }
        }
        if (s.maxInFlight() != null) {
            if (s.vus() != null) {
                problem("stage.maxInFlight", "applies to arrivalRate only; with vus, in-flight requests equal the VUs");
            } else if (s.maxInFlight() < 1) {
                problem("stage.maxInFlight", "must be at least 1");
            }
        }
        duration("stage.gracefulStop", s.gracefulStop());
    }

    /** @return the operation names */
    private Set<String> checkScenario(ScenarioSpec s) {
        Set<String> names = new HashSet<>();
        if (s == null || s.operations() == null || s.operations().isEmpty()) {
            problem("scenario.operations", "at least one operation is required");
            return names;
        }
        Set<String> declared = new HashSet<>();
        if (s.variables() != null) {
            s.variables().forEach((name, v) -> {
                if (!Variables.isValidName(name)) {
                    problem("scenario.variables." + name, "invalid name (letters, digits and _, not starting with a digit)");
                }
                int sources = v == null ? 0 : (v.values() != null ? 1 : 0) + (v.fromEnv() != null ? 1 : 0) + (v.fromSecret() != null ? 1 : 0);
                if (sources != 1) {
                    problem("scenario.variables." + name, "set exactly one of values, fromEnv or fromSecret");
                } else if (v.values() != null && v.values().isEmpty()) {
                    problem("scenario.variables." + name + ".values", "must list at least one value");
                } else if (v.fromEnv() != null && !v.fromEnv().matches("[A-Za-z_][A-Za-z0-9_]*")) {
                    problem("scenario.variables." + name + ".fromEnv", "'" + v.fromEnv() + "' is not an environment variable name");
                }
                declared.add(name);
            });
        }
        s.operations().forEach(op -> {
            if (op != null && op.extract() != null) {
                declared.addAll(op.extract().keySet());
            }
        });
        positive("scenario.timeout", s.timeout());
        duration("scenario.thinkTime", s.thinkTime());
        for (int i = 0; i < s.operations().size(); i++) {
            checkOperation("scenario.operations[" + i + "]", s.operations().get(i), names, declared);
        }
        return names;
    }

    private void checkOperation(String at, OperationSpec op, Set<String> names, Set<String> declared) {
        if (op == null) {
            problem(at, "is empty");
            return;
        }
        if (op.name() == null || !OPERATION_NAME.matcher(op.name()).matches()) {
            problem(at + ".name", "is required: 1-63 letters, digits, '.', '_' or '-'");
        } else if (!names.add(op.name())) {
            problem(at + ".name", "duplicate operation name '" + op.name() + "'");
        }
        if (op.weight() != null && op.weight() < 1) {
            problem(at + ".weight", "must be at least 1");
        }
        positive(at + ".timeout", op.timeout());
        var r = op.request();
        if (r == null) {
            problem(at + ".request", "is required: {method, path}");
            return;
        }
        if (r.method() != null && !METHODS.contains(r.method().toUpperCase(Locale.ROOT))) {
            problem(at + ".request.method", "unknown method '" + r.method() + "'; one of " + METHODS);
        }
        if (r.path() == null || !r.path().startsWith("/")) {
            problem(at + ".request.path", "is required and must start with '/'");
        } else if (!PATH.matcher(r.path()).matches()) {
            problem(at + ".request.path", "must not contain spaces or control characters (percent-encode them, e.g. %20)");
        } else {
            template(at + ".request.path", r.path(), declared);
        }
        if (r.headers() != null) {
            r.headers().forEach((k, v) -> {
                if (!HEADER_NAME.matcher(k).matches()) {
                    problem(at + ".request.headers." + k, "is not a valid HTTP header name");
                } else if (v == null || v.indexOf('\r') >= 0 || v.indexOf('\n') >= 0) {
                    problem(at + ".request.headers." + k, "needs a value on one line");
                } else {
                    template(at + ".request.headers." + k, v, declared);
                }
            });
        }
        if (r.body() != null) {
            template(at + ".request.body", r.body(), declared);
        }
        if (op.expect() != null) {
            var e = op.expect();
            if (e.status() != null) {
                for (int j = 0; j < e.status().size(); j++) {
                    Integer st = e.status().get(j);
                    if (st == null || st < 100 || st > 599) {
                        problem(at + ".expect.status[" + j + "]", "must be an HTTP status between 100 and 599");
                    }
                }
            }
            var b = e.body();
            if (b != null) {
                boolean json = b.jsonPath() != null || b.equals() != null;
                if (json == (b.contains() != null)) {
                    problem(at + ".expect.body", "set either jsonPath and equals, or contains");
                } else if (json && (b.jsonPath() == null || b.equals() == null)) {
                    problem(at + ".expect.body", "jsonPath and equals go together");
                } else if (json) {
                    jsonPath(at + ".expect.body.jsonPath", b.jsonPath());
                }
            }
        }
        if (op.extract() != null) {
            op.extract().forEach((name, path) -> {
                if (!Variables.isValidName(name)) {
                    problem(at + ".extract." + name, "invalid variable name");
                }
                jsonPath(at + ".extract." + name, path);
            });
        }
    }

    private void template(String at, String text, Set<String> declared) {
        try {
            for (String name : Template.parse(text).variables()) {
                if (!declared.contains(name)) {
                    problem(at, "uses ${" + name + "}, which is neither in scenario.variables nor extracted by any operation");
                }
            }
        } catch (IllegalArgumentException e) {
            problem(at, e.getMessage());
        }
    }

    private void jsonPath(String at, String path) {
        if (path == null || path.isBlank()) {
            problem(at, "a JSONPath is required, e.g. $.message.id");
            return;
        }
        try {
            com.jayway.jsonpath.JsonPath.compile(path);
        } catch (RuntimeException e) {
            problem(at, "invalid JSONPath '" + path + "': " + e.getMessage());
        }
    }

    private void checkThreshold(String at, ThresholdSpec t, Set<String> names, Set<String> operations) {
        if (t == null) {
            problem(at, "is empty");
            return;
        }
        if (t.name() == null || t.name().isBlank()) {
            problem(at + ".name", "is required");
        } else if (!names.add(t.name())) {
            problem(at + ".name", "duplicate threshold name '" + t.name() + "'");
        }
        int metrics = (t.latency() != null ? 1 : 0) + (t.errorRate() != null ? 1 : 0) + (t.outcomeRate() != null ? 1 : 0);
        if (metrics != 1) {
            problem(at, "set exactly one of latency, errorRate or outcomeRate (the load generator's own metrics)");
            return;
        }
        String operation = t.latency() != null ? t.latency().operation()
                : t.errorRate() != null ? t.errorRate().operation() : t.outcomeRate().operation();
        String metric = t.latency() != null ? "latency" : t.errorRate() != null ? "errorRate" : "outcomeRate";
        if (operation != null && !operations.contains(operation)) {
            problem(at + "." + metric + ".operation", "no operation named '" + operation + "' in the scenario");
        }
        if (t.latency() != null) {
            Double p = t.latency().percentile();
            if (p == null || !(p > 0 && p <= 100)) {
                problem(at + ".latency.percentile", "is required, greater than 0 and at most 100 (e.g. 95)");
            }
        }
        if (t.outcomeRate() != null) {
            try {
                Outcome.fromWireName(t.outcomeRate().outcome() == null ? "" : t.outcomeRate().outcome());
            } catch (IllegalArgumentException e) {
                problem(at + ".outcomeRate.outcome", e.getMessage());
            }
        }
        if (t.fail() == null) {
            problem(at + ".fail", "is required");
        }
        Double fail = level(at + ".fail", t.fail(), t.latency() != null);
        Double warn = level(at + ".warn", t.warn(), t.latency() != null);
        if (fail != null && warn != null && warn > fail) {
            problem(at + ".warn", "must not be above fail (" + t.warn() + " > " + t.fail() + ")");
        }
        duration(at + ".for", t.sustain());
    }

    private Double level(String at, String raw, boolean latency) {
        if (raw == null) {
            return null;
        }
        try {
            return latency ? Limits.latencyMillis(raw) : Limits.share(raw);
        } catch (IllegalArgumentException e) {
            problem(at, e.getMessage());
            return null;
        }
    }

    /** Parses an optional duration, reporting a bad one; null when absent or bad. */
    private Duration duration(String at, String text) {
        if (text == null) {
            return null;
        }
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            problem(at, e.getMessage());
            return null;
        }
    }

    private Duration positive(String at, String text) {
        Duration d = duration(at, text);
        if (d != null && d.isZero()) {
            problem(at, "must be greater than 0");
        }
        return d;
    }
}
