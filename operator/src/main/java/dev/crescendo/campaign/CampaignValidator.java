package dev.crescendo.campaign;

import dev.crescendo.api.LoadCampaignSpec;
import dev.crescendo.api.ProgressionSpec;
import dev.crescendo.api.ThresholdSpec;
import dev.crescendo.loadgen.config.Durations;
import dev.crescendo.loadgen.config.StageConfig;
import dev.crescendo.loadgen.config.StageConfigValidator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a campaign spec before anything runs, and names each bad field by its path
 * ({@code spec.stages[1].duration}). The same checks serve the operator (phase Invalid) and
 * {@code crescendo validate}. Each stage is checked with the load generator's own validator, so a
 * spec that passes here gives every stage Job a config it accepts.
 */
public final class CampaignValidator {
    /** Kubernetes object names (Jobs) are at most 63 characters: {@code <campaign>-r<run>-<stage>}. */
    static final int MAX_JOB_NAME = 63;

    private final Set<String> problems = new LinkedHashSet<>();

    private CampaignValidator() {}

    /** @param name the campaign's metadata.name (Job names are built from it) */
    public static List<String> validate(String name, LoadCampaignSpec spec) {
        CampaignValidator v = new CampaignValidator();
        v.check(name, spec);
        return List.copyOf(v.problems);
    }

    private void problem(String path, String message) {
        problems.add(path + ": " + message);
    }

    private void check(String name, LoadCampaignSpec spec) {
        if (spec == null) {
            problem("spec", "is required");
            return;
        }
        if (spec.stages() == null || spec.stages().isEmpty()) {
            problem("spec.stages", "at least one stage is required, e.g. {name: smoke, vus: 5, duration: 30s}");
        } else {
            checkStages(name, spec);
        }
        checkThresholds(spec);
        checkHalt(spec);
        checkProgression(spec);
        checkPreflight(spec);
        if (spec.prometheus() != null && (spec.prometheus().url() == null || !spec.prometheus().url().matches("^https?://.+"))) {
            problem("spec.prometheus.url", "must be an http:// or https:// URL");
        }
        if (spec.prometheus() != null) {
            duration("spec.prometheus.timeout", spec.prometheus().timeout(), false);
        }
    }

    private void checkStages(String name, LoadCampaignSpec spec) {
        Set<String> names = new HashSet<>();
        List<Integer> thresholdIndex = generatorThresholdIndexes(spec);
        for (int i = 0; i < spec.stages().size(); i++) {
            StageConfig.StageSpec stage = spec.stages().get(i);
            if (stage == null) {
                problem("spec.stages[" + i + "]", "is empty");
                continue;
            }
            if (stage.name() != null && !names.add(stage.name())) {
                problem("spec.stages[" + i + "].name", "duplicate stage name '" + stage.name() + "'");
            }
            if (name != null && stage.name() != null && (name + "-r999-" + stage.name()).length() > MAX_JOB_NAME) {
                problem("spec.stages[" + i + "].name", "with the campaign name '" + name + "' the Job name would be longer than "
                        + MAX_JOB_NAME + " characters; shorten one of them");
            }
            StageConfig config = StageConfigs.forStage(name, null, spec, i, null, null);
            for (String p : StageConfigValidator.validate(config)) {
                problems.add(specPath(p, i, thresholdIndex));
            }
        }
    }

    /** Maps a load generator problem path to the campaign's: stage → spec.stages[i], thresholds[k] → its spec index. */
    private static String specPath(String problem, int stage, List<Integer> thresholdIndex) {
        if (problem.startsWith("stage")) {
            return "spec.stages[" + stage + "]" + problem.substring("stage".length());
        }
        Matcher m = Pattern.compile("^thresholds\\[(\\d+)]").matcher(problem);
        if (m.find()) {
            return "spec.thresholds[" + thresholdIndex.get(Integer.parseInt(m.group(1))) + "]" + problem.substring(m.end());
        }
        if (problem.startsWith("thresholdWindow")) {
            return "spec.halt.window" + problem.substring("thresholdWindow".length());
        }
        return "spec." + problem;
    }

    private static List<Integer> generatorThresholdIndexes(LoadCampaignSpec spec) {
        List<Integer> out = new ArrayList<>();
        if (spec.thresholds() != null) {
            for (int i = 0; i < spec.thresholds().size(); i++) {
                ThresholdSpec t = spec.thresholds().get(i);
                if (t != null && t.isGeneratorSide()) {
                    out.add(i);
                }
            }
        }
        return out;
    }

    /** What the generator's validator does not see: sources other than its own, and the source count. */
    private void checkThresholds(LoadCampaignSpec spec) {
        if (spec.thresholds() == null) {
            return;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < spec.thresholds().size(); i++) {
            String at = "spec.thresholds[" + i + "]";
            ThresholdSpec t = spec.thresholds().get(i);
            if (t == null) {
                problem(at, "is empty");
                continue;
            }
            if (t.name() != null && !names.add(t.name())) {
                problem(at + ".name", "duplicate threshold name '" + t.name() + "'");
            }
            int sources = count(t.latency(), t.errorRate(), t.outcomeRate(), t.throughput(), t.promql(), t.scrape());
            if (sources != 1) {
                problem(at, "set exactly one of latency, errorRate, outcomeRate, throughput, promql or scrape");
                continue;
            }
            if (t.isGeneratorSide()) {
                continue; // checked with the stage configs
            }
            if (t.name() == null || t.name().isBlank()) {
                problem(at + ".name", "is required");
            }
            if (t.promql() != null) {
                if (t.promql().isBlank()) {
                    problem(at + ".promql", "must be a PromQL expression");
                }
                if (spec.prometheus() == null) {
                    problem(at + ".promql", "needs spec.prometheus.url to query");
                }
                for (String unknown : dev.crescendo.metrics.QueryTemplate.unknownVariables(t.promql())) {
                    problem(at + ".promql", "unknown placeholder ${" + unknown + "}; known: "
                            + String.join(", ", new java.util.TreeSet<>(dev.crescendo.metrics.QueryTemplate.VARIABLES)));
                }
            }
            if (t.scrape() != null) {
                if (t.scrape().url() == null || !t.scrape().url().matches("^https?://.+")) {
                    problem(at + ".scrape.url", "must be an http:// or https:// URL of a Prometheus text endpoint");
                }
                if (t.scrape().metric() == null || t.scrape().metric().isBlank()) {
                    problem(at + ".scrape.metric", "is required");
                }
                if (t.scrape().aggregate() != null && !t.scrape().aggregate().matches("max|sum")) {
                    problem(at + ".scrape.aggregate", "one of sum (the default) or max");
                }
            }
            if (t.fail() == null) {
                problem(at + ".fail", "is required");
            } else {
                number(at + ".fail", t.fail());
            }
            if (t.warn() != null) {
                number(at + ".warn", t.warn());
            }
            duration(at + ".for", t.sustain(), false);
        }
    }

    /** A level of a throughput/promql/scrape threshold: a number or percentage, optionally "&lt; x" (below is bad). */
    private void number(String at, String raw) {
        try {
            Level.parse(raw, Level.Unit.NUMBER);
        } catch (IllegalArgumentException e) {
            problem(at, "'" + raw + "' is not a number (e.g. 0.9, 90%, or '< 0.8' when below is bad)");
        }
    }

    private void checkHalt(LoadCampaignSpec spec) {
        if (spec.halt() == null) {
            return;
        }
        Duration interval = duration("spec.halt.evaluationInterval", spec.halt().evaluationInterval(), true);
        if (interval != null && interval.compareTo(Duration.ofSeconds(1)) < 0) {
            problem("spec.halt.evaluationInterval", "must be at least 1s");
        }
        duration("spec.halt.metricsUnavailableFor", spec.halt().metricsUnavailableFor(), false);
    }

    private void checkProgression(LoadCampaignSpec spec) {
        ProgressionSpec p = spec.progression();
        if (p == null || p.approvedThrough() == null) {
            return;
        }
        if (p.mode() != ProgressionSpec.Mode.Manual) {
            problem("spec.progression.approvedThrough", "applies to mode Manual only");
        } else if (spec.stages() != null && spec.stages().stream().noneMatch(s -> s != null && p.approvedThrough().equals(s.name()))) {
            problem("spec.progression.approvedThrough", "no stage named '" + p.approvedThrough() + "'");
        }
    }

    private void checkPreflight(LoadCampaignSpec spec) {
        if (spec.target() == null || spec.target().preflight() == null) {
            return;
        }
        var p = spec.target().preflight();
        if (p.path() != null && !p.path().startsWith("/")) {
            problem("spec.target.preflight.path", "must start with '/'");
        }
        if (p.expectStatus() != null && (p.expectStatus() < 100 || p.expectStatus() > 599)) {
            problem("spec.target.preflight.expectStatus", "must be an HTTP status between 100 and 599");
        }
        duration("spec.target.preflight.timeout", p.timeout(), true);
        if (p.expectBody() != null) {
            if (p.expectBody().jsonPath() == null || p.expectBody().equals() == null) {
                problem("spec.target.preflight.expectBody", "needs both jsonPath and equals");
            } else {
                try {
                    com.jayway.jsonpath.JsonPath.compile(p.expectBody().jsonPath());
                } catch (RuntimeException e) {
                    problem("spec.target.preflight.expectBody.jsonPath", "invalid JSONPath: " + e.getMessage());
                }
            }
        }
    }

    private Duration duration(String at, String text, boolean positive) {
        if (text == null) {
            return null;
        }
        try {
            Duration d = Durations.parse(text);
            if (positive && d.isZero()) {
                problem(at, "must be greater than 0");
            }
            return d;
        } catch (IllegalArgumentException e) {
            problem(at, e.getMessage());
            return null;
        }
    }

    private static int count(Object... values) {
        int n = 0;
        for (Object v : values) {
            n += v != null ? 1 : 0;
        }
        return n;
    }
}
