package dev.crescendo.campaign;

import dev.crescendo.api.HaltSpec;
import dev.crescendo.api.LoadCampaignSpec;
import dev.crescendo.api.PrometheusSpec;
import dev.crescendo.api.ThresholdSpec;
import dev.crescendo.loadgen.config.Durations;
import dev.crescendo.loadgen.config.StageConfig.StageSpec;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What an operator installation allows and fills in (DESIGN §9): a load test is a weapon, so
 * campaigns may only aim at allowed hosts and stay under caps per stage; a campaign outside them
 * ends Invalid with the limit named and where an admin changes it. Also the installation's
 * defaults (Prometheus URL, evaluation interval) for campaigns that leave them out.
 *
 * @param allowedTargets host patterns: {@code chat.prod.svc} (exact), {@code *.svc} (suffix),
 *                       {@code loopback} (127.0.0.0/8, ::1, localhost) or {@code *} (anything)
 * @param maxVUs, maxArrivalRate, maxStageDuration caps per stage; null: none
 * @param where          how an admin changes these ("the Helm values", "--allow-target")
 */
public record OperatorPolicy(List<String> allowedTargets, Integer maxVUs, Double maxArrivalRate, Duration maxStageDuration,
                             String defaultPrometheusUrl, Duration defaultEvaluationInterval, String where) {

    /** {@code crescendo run} on a workstation: loopback and the hosts named with --allow-target; no caps. */
    public static OperatorPolicy local(List<String> extraHosts) {
        List<String> allowed = new ArrayList<>(List.of("loopback"));
        allowed.addAll(extraHosts);
        return new OperatorPolicy(allowed, null, null, null, null, null, "--allow-target HOST");
    }

    /** The campaign's spec with this installation's defaults where it says nothing. */
    public LoadCampaignSpec withDefaults(LoadCampaignSpec spec) {
        if (spec == null) {
            return null;
        }
        LoadCampaignSpec out = spec;
        boolean needsPrometheus = spec.thresholds() != null && spec.thresholds().stream()
                .anyMatch(t -> t != null && t.promql() != null);
        if (spec.prometheus() == null && needsPrometheus && defaultPrometheusUrl != null) {
            out = out.withPrometheus(new PrometheusSpec(defaultPrometheusUrl, null, null));
        }
        if (defaultEvaluationInterval != null && (spec.halt() == null || spec.halt().evaluationInterval() == null)) {
            HaltSpec h = spec.halt();
            out = out.withHalt(new HaltSpec(Durations.format(defaultEvaluationInterval), h == null ? null : h.window(),
                    h == null ? null : h.onMetricsUnavailable(), h == null ? null : h.metricsUnavailableFor()));
        }
        return out;
    }

    /** Every way {@code spec} is outside this policy, each naming the field, the limit and where to change it. */
    public List<String> check(LoadCampaignSpec spec) {
        List<String> problems = new ArrayList<>();
        if (spec.target() != null && spec.target().baseUrl() != null) {
            host("spec.target.baseUrl", spec.target().baseUrl(), problems);
        }
        if (spec.thresholds() != null) {
            for (int i = 0; i < spec.thresholds().size(); i++) {
                ThresholdSpec t = spec.thresholds().get(i);
                if (t != null && t.scrape() != null && t.scrape().url() != null) {
                    host("spec.thresholds[" + i + "].scrape.url", t.scrape().url(), problems);
                }
            }
        }
        for (int i = 0; spec.stages() != null && i < spec.stages().size(); i++) {
            StageSpec s = spec.stages().get(i);
            String at = "spec.stages[" + i + "]";
            if (s == null) {
                continue;
            }
            if (maxVUs != null && s.vus() != null && s.vus() > maxVUs) {
                problems.add(at + ".vus: " + s.vus() + " is over this operator's cap of " + maxVUs + " VUs per stage ("
                        + where + ": caps.maxVUs)");
            }
            if (maxArrivalRate != null && s.arrivalRate() != null && s.arrivalRate() > maxArrivalRate) {
                problems.add(at + ".arrivalRate: " + s.arrivalRate() + " is over this operator's cap of " + maxArrivalRate
                        + " requests/s per stage (" + where + ": caps.maxArrivalRate)");
            }
            Duration d = parse(s.duration());
            if (maxStageDuration != null && d != null && d.compareTo(maxStageDuration) > 0) {
                problems.add(at + ".duration: " + s.duration() + " is over this operator's cap of "
                        + Durations.format(maxStageDuration) + " per stage (" + where + ": caps.maxStageDuration)");
            }
        }
        return problems;
    }

    private void host(String at, String url, List<String> problems) {
        String host;
        try {
            host = URI.create(url).getHost();
        } catch (IllegalArgumentException e) {
            return; // the validator names a malformed URL
        }
        if (host == null) {
            return;
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        for (String pattern : allowedTargets) {
            if (matches(pattern.trim().toLowerCase(Locale.ROOT), host)) {
                return;
            }
        }
        problems.add(at + ": host " + host + " is not an allowed target of this operator (allowed: "
                + String.join(", ", allowedTargets) + "); " + where + " adds hosts");
    }

    static boolean matches(String pattern, String host) {
        if (pattern.equals("*")) {
            return true;
        }
        if (pattern.equals("loopback")) {
            return host.equals("localhost") || host.equals("::1") || host.equals("0:0:0:0:0:0:0:1")
                    || host.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
        }
        if (pattern.startsWith("*.")) {
            return host.endsWith(pattern.substring(1));
        }
        return host.equals(pattern);
    }

    private static Duration parse(String text) {
        try {
            return text == null ? null : Durations.parse(text);
        } catch (IllegalArgumentException e) {
            return null; // the validator names a malformed duration
        }
    }
}
