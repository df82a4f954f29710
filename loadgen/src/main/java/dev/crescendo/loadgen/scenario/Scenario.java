package dev.crescendo.loadgen.scenario;

import com.jayway.jsonpath.JsonPath;
import dev.crescendo.loadgen.config.Durations;
import dev.crescendo.loadgen.config.ScenarioSpec;
import dev.crescendo.loadgen.config.ScenarioSpec.OperationSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/** A compiled scenario: operations picked by weight, over variable pools shared by all users. */
public final class Scenario {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final List<Operation> operations;
    private final Variables variables;
    private final Duration thinkTime;
    private final int totalWeight;

    public Scenario(List<Operation> operations, Variables variables, Duration thinkTime) {
        this.operations = List.copyOf(operations);
        this.variables = variables;
        this.thinkTime = thinkTime;
        this.totalWeight = operations.stream().mapToInt(Operation::weight).sum();
    }

    /** Compiles a spec that {@link dev.crescendo.loadgen.config.StageConfigValidator} accepted. */
    public static Scenario compile(ScenarioSpec spec) {
        Duration defaultTimeout = Durations.parseOr(spec.timeout(), DEFAULT_TIMEOUT);
        Map<String, List<String>> fixed = new LinkedHashMap<>();
        if (spec.variables() != null) {
            spec.variables().forEach((name, v) -> fixed.put(name, v.values()));
        }
        List<Operation> operations = new ArrayList<>();
        for (OperationSpec op : spec.operations()) {
            if (op.extract() != null) {
                op.extract().keySet().forEach(name -> fixed.putIfAbsent(name, List.of()));
            }
            operations.add(compile(op, operations.size(), defaultTimeout));
        }
        Duration think = Durations.parseOr(spec.thinkTime(), Duration.ZERO);
        return new Scenario(operations, new Variables(fixed, ValuePool.DEFAULT_CAPACITY), think);
    }

    private static Operation compile(OperationSpec op, int index, Duration defaultTimeout) {
        var request = op.request();
        Template path = Template.parse(request.path());
        Map<String, Template> headers = new LinkedHashMap<>();
        if (request.headers() != null) {
            request.headers().forEach((k, v) -> headers.put(k, Template.parse(v)));
        }
        Template body = request.body() != null ? Template.parse(request.body()) : null;
        BitSet expected = null;
        BodyCheck check = null;
        if (op.expect() != null) {
            if (op.expect().status() != null && !op.expect().status().isEmpty()) {
                expected = new BitSet(600);
                for (int s : op.expect().status()) {
                    expected.set(s);
                }
            }
            var b = op.expect().body();
            if (b != null) {
                check = b.contains() != null ? new BodyCheck.Contains(b.contains())
                        : new BodyCheck.JsonEquals(b.jsonPath(), JsonPath.compile(b.jsonPath()), b.equals());
            }
        }
        Map<String, JsonPath> extract = new LinkedHashMap<>();
        if (op.extract() != null) {
            op.extract().forEach((name, p) -> extract.put(name, JsonPath.compile(p)));
        }
        Set<String> required = new LinkedHashSet<>(path.requiredVariables());
        headers.values().forEach(t -> required.addAll(t.requiredVariables()));
        if (body != null) {
            required.addAll(body.requiredVariables());
        }
        return new Operation(op.name(), index, op.weight() != null ? op.weight() : 1,
                request.method() == null ? "GET" : request.method().toUpperCase(Locale.ROOT), path,
                Map.copyOf(headers), body, expected, check, Map.copyOf(extract),
                Durations.parseOr(op.timeout(), defaultTimeout), Set.copyOf(required));
    }

    public List<Operation> operations() {
        return operations;
    }

    public Variables variables() {
        return variables;
    }

    public Duration thinkTime() {
        return thinkTime;
    }

    /**
     * Picks an operation by weight among those whose required variables have values (an operation
     * that needs an extracted id waits until some response supplied one). Null when none can run.
     */
    public Operation pick(RandomGenerator random) {
        int r = random.nextInt(totalWeight);
        for (Operation op : operations) {
            r -= op.weight();
            if (r < 0) {
                if (op.isRunnable(variables)) {
                    return op;
                }
                return pickRunnable(random);
            }
        }
        throw new IllegalStateException("weights");
    }

    private Operation pickRunnable(RandomGenerator random) {
        int runnableWeight = 0;
        for (Operation op : operations) {
            if (op.isRunnable(variables)) {
                runnableWeight += op.weight();
            }
        }
        if (runnableWeight == 0) {
            return null;
        }
        int r = random.nextInt(runnableWeight);
        for (Operation op : operations) {
            if (op.isRunnable(variables)) {
                r -= op.weight();
                if (r < 0) {
                    return op;
                }
            }
        }
        throw new IllegalStateException("weights");
    }
}
