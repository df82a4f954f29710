package dev.crescendo.loadgen.cli;

import dev.crescendo.loadgen.config.ConfigException;
import dev.crescendo.loadgen.config.Durations;
import dev.crescendo.loadgen.config.ScenarioSpec;
import dev.crescendo.loadgen.config.ScenarioSpec.ExpectSpec;
import dev.crescendo.loadgen.config.ScenarioSpec.OperationSpec;
import dev.crescendo.loadgen.config.ScenarioSpec.RequestSpec;
import dev.crescendo.loadgen.config.StageConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns hey/wrk-style options into a one-operation stage config; problems name the option. */
final class AdHocStage {
    private AdHocStage() {}

    static StageConfig build(LoadgenCommand o) throws ConfigException {
        List<String> problems = new ArrayList<>();
        if (o.url == null) {
            throw new ConfigException("give either --config FILE or --url URL (see --help)");
        }
        URI uri = null;
        try {
            uri = new URI(o.url);
            if (uri.getScheme() == null || !uri.getScheme().matches("(?i)https?") || uri.getHost() == null) {
                problems.add("--url: must be an absolute http:// or https:// URL with a host, got '" + o.url + "'");
            }
        } catch (URISyntaxException e) {
            problems.add("--url: not a valid URL: " + e.getMessage());
        }
        if ((o.vus == null) == (o.rate == null)) {
            problems.add("give exactly one of --vus N (closed model) or --rate R (open model, requests/s)");
        }
        if (o.vus != null && o.vus < 1) {
            problems.add("--vus: must be at least 1");
        }
        if (o.rate != null && !(o.rate > 0)) {
            problems.add("--rate: must be greater than 0");
        }
        if (o.duration == null) {
            problems.add("--duration: required, e.g. --duration 30s");
        } else if (o.duration.isZero() || o.duration.isNegative()) {
            problems.add("--duration: must be greater than 0");
        }
        if (o.rampUp != null && o.rate != null) {
            problems.add("--ramp-up: applies to --vus only");
        }
        if (o.maxInFlight != null && o.vus != null) {
            problems.add("--max-in-flight: applies to --rate only");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String h : o.headers) {
            int colon = h.indexOf(':');
            if (colon <= 0) {
                problems.add("--header: expected NAME:VALUE, got '" + h + "'");
            } else {
                headers.put(h.substring(0, colon).trim(), h.substring(colon + 1).trim());
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        String base = uri.getScheme() + "://" + uri.getRawAuthority();
        String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        var request = new RequestSpec(o.method, path, headers, o.body);
        var operation = new OperationSpec("request", 1, request,
                o.expectStatus == null ? null : new ExpectSpec(o.expectStatus, null), null, text(o.timeout));
        var scenario = new ScenarioSpec(null, List.of(operation), text(o.thinkTime), null);
        var stage = new StageConfig.StageSpec("adhoc", o.vus, o.rate, text(o.duration), text(o.rampUp), o.maxInFlight, null);
        return new StageConfig(null, null, new StageConfig.TargetSpec(base, null), scenario, stage, null, null, null,
                null, null);
    }

    private static String text(java.time.Duration d) {
        return d == null ? null : Durations.text(d);
    }
}
