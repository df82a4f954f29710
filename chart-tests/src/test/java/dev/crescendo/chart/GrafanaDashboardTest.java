package dev.crescendo.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's queries may use only the metrics the operator and the load generator export, with their
 * labels (DESIGN §4, §8): a misspelt metric or label would show an empty panel, not an error.
 */
class GrafanaDashboardTest {
    static final Path DASHBOARD = Charts.CHART.resolve("dashboards/crescendo.json");

    static final Set<String> LOADGEN_LABELS = Set.of("campaign", "namespace", "stage", "operation", "outcome");
    static final Set<String> LOADGEN_STAGE_LABELS = Set.of("campaign", "namespace", "stage");
    /** Every metric name a query may use, with the labels its series carry ("le" for histogram buckets). */
    static final Map<String, Set<String>> METRICS = Map.ofEntries(
            // the load generator
            Map.entry("crescendo_loadgen_requests_total", LOADGEN_LABELS),
            Map.entry("crescendo_loadgen_request_duration_seconds_bucket", plus(LOADGEN_LABELS, "le")),
            Map.entry("crescendo_loadgen_request_duration_seconds_sum", LOADGEN_LABELS),
            Map.entry("crescendo_loadgen_request_duration_seconds_count", LOADGEN_LABELS),
            Map.entry("crescendo_loadgen_dropped_total", LOADGEN_STAGE_LABELS),
            Map.entry("crescendo_loadgen_active_vus", LOADGEN_STAGE_LABELS),
            // the operator
            Map.entry("crescendo_campaigns", Set.of("phase")),
            Map.entry("crescendo_campaign_stage", Set.of("namespace", "campaign")),
            Map.entry("crescendo_campaign_stages", Set.of("namespace", "campaign")),
            Map.entry("crescendo_stage_verdicts_total", Set.of("namespace", "campaign", "stage", "verdict")),
            Map.entry("crescendo_threshold_observed", Set.of("namespace", "campaign", "stage", "threshold")),
            Map.entry("crescendo_threshold_limit", Set.of("namespace", "campaign", "threshold", "level")),
            Map.entry("crescendo_breaches_total", Set.of("namespace", "campaign", "threshold")),
            Map.entry("crescendo_halt_duration_seconds_bucket", Set.of("namespace", "campaign", "le")),
            Map.entry("crescendo_halt_duration_seconds_sum", Set.of("namespace", "campaign")),
            Map.entry("crescendo_halt_duration_seconds_count", Set.of("namespace", "campaign")),
            Map.entry("crescendo_preflight_failures_total", Set.of("namespace", "campaign", "cause")));

    /** Grafana's variables a query may use: the dashboard's own and Grafana's built-in ones. */
    static final Set<String> VARIABLES = Set.of("namespace", "campaign", "__rate_interval", "__range", "__interval");

    static final Pattern METRIC = Pattern.compile("\\bcrescendo_[a-z_]+");
    static final Pattern SELECTOR = Pattern.compile("\\b(crescendo_[a-z_]+)\\s*\\{([^}]*)}");
    static final Pattern MATCHER_LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)");
    static final Pattern GROUPING = Pattern.compile("\\b(?:by|without)\\s*\\(([^)]*)\\)");
    static final Pattern VARIABLE = Pattern.compile("\\$\\{?([a-zA-Z_][a-zA-Z0-9_]*)");

    static JsonNode dashboard;
    static List<JsonNode> panels;

    @BeforeAll
    static void load() throws Exception {
        dashboard = Charts.JSON.readTree(DASHBOARD.toFile());
        panels = new ArrayList<>();
        collectPanels(dashboard.get("panels"), panels);
    }

    @Test
    void everyPanelHasAQuery() {
        assertThat(panels).isNotEmpty();
        assertThat(panels).allSatisfy(p -> {
            String title = p.path("title").asText();
            assertThat(title).isNotBlank();
            assertThat(p.path("targets")).as("panel %s has targets", title).isNotEmpty();
            assertThat(p.path("targets")).as("panel %s", title)
                    .anySatisfy(t -> assertThat(t.path("expr").asText()).isNotBlank());
            assertThat(p.path("targets")).allSatisfy(t ->
                    assertThat(t.at("/datasource/uid").asText()).as("panel %s queries the chosen data source", title)
                            .isEqualTo("${datasource}"));
        });
        assertThat(panels).extracting(p -> p.path("id").asInt()).doesNotHaveDuplicates();
    }

    @Test
    void everyQueryUsesOnlyKnownMetricsAndTheirLabels() {
        for (String query : queries()) {
            Set<String> metrics = new HashSet<>();
            Matcher m = METRIC.matcher(query);
            while (m.find()) {
                assertThat(METRICS).as("metric %s in: %s", m.group(), query).containsKey(m.group());
                metrics.add(m.group());
            }
            Matcher selector = SELECTOR.matcher(query);
            while (selector.find()) {
                Matcher label = MATCHER_LABEL.matcher(selector.group(2));
                while (label.find()) {
                    assertThat(METRICS.get(selector.group(1))).as("label %s of %s in: %s", label.group(1), selector.group(1), query)
                            .contains(label.group(1));
                }
            }
            Set<String> available = new HashSet<>();
            metrics.forEach(name -> available.addAll(METRICS.get(name)));
            Matcher grouping = GROUPING.matcher(query);
            while (grouping.find()) {
                for (String label : grouping.group(1).split(",")) {
                    if (!label.isBlank()) {
                        assertThat(available).as("grouping label %s in: %s", label.trim(), query).contains(label.trim());
                    }
                }
            }
            Matcher variable = VARIABLE.matcher(query);
            while (variable.find()) {
                assertThat(VARIABLES).as("variable $%s in: %s", variable.group(1), query).contains(variable.group(1));
            }
        }
    }

    @Test
    void panelsCoverEveryMetric() {
        Set<String> used = new TreeSet<>();
        for (String query : queries()) {
            Matcher m = METRIC.matcher(query);
            while (m.find()) {
                used.add(m.group());
            }
        }
        assertThat(used).containsExactlyInAnyOrderElementsOf(METRICS.keySet());
        assertThat(panels).extracting(p -> p.path("title").asText()).contains(
                "Stage progress", "Campaigns by phase", "Stage verdicts", "Latency percentiles per operation",
                "Outcome classes per second", "Throughput vs VUs", "Pool utilisation", "Breaches", "Time to halt");
    }

    @Test
    void latencyPercentilesComeFromTheHistogramPerOperation() {
        JsonNode latency = panels.stream().filter(p -> p.path("title").asText().equals("Latency percentiles per operation"))
                .findFirst().orElseThrow();
        List<String> exprs = new ArrayList<>();
        latency.path("targets").forEach(t -> exprs.add(t.path("expr").asText()));
        assertThat(exprs).hasSize(3).allSatisfy(e -> assertThat(e)
                .contains("sum by (le, operation) (rate(crescendo_loadgen_request_duration_seconds_bucket{")
                .contains("[$__rate_interval]"));
        assertThat(exprs).anyMatch(e -> e.startsWith("histogram_quantile(0.50,"))
                .anyMatch(e -> e.startsWith("histogram_quantile(0.95,"))
                .anyMatch(e -> e.startsWith("histogram_quantile(0.99,"));
    }

    @Test
    void variablesPickDataSourceNamespaceAndCampaign() {
        Map<String, JsonNode> variables = new LinkedHashMap<>();
        dashboard.at("/templating/list").forEach(v -> variables.put(v.path("name").asText(), v));
        assertThat(variables).containsOnlyKeys("datasource", "namespace", "campaign");
        assertThat(variables.get("datasource").path("type").asText()).isEqualTo("datasource");
        assertThat(variables.get("datasource").path("query").asText()).isEqualTo("prometheus");
        assertThat(query(variables.get("namespace"))).isEqualTo("label_values(crescendo_campaign_stage, namespace)");
        assertThat(query(variables.get("campaign"))).startsWith("label_values(crescendo_campaign_stage{").endsWith(", campaign)");
        assertThat(dashboard.path("schemaVersion").asInt()).isBetween(36, 41);
        assertThat(dashboard.path("uid").asText()).isNotBlank();
    }

    // ---- helpers ----------------------------------------------------------------------------------

    /** Every PromQL expression of the dashboard: panel targets and variable queries. */
    static List<String> queries() {
        List<String> queries = new ArrayList<>();
        panels.forEach(p -> p.path("targets").forEach(t -> queries.add(t.path("expr").asText())));
        dashboard.at("/templating/list").forEach(v -> {
            if (v.path("type").asText().equals("query")) {
                queries.add(query(v));
            }
        });
        return queries;
    }

    /** A query variable's PromQL: a string, or {"query": ...} in newer Grafana versions. */
    static String query(JsonNode variable) {
        JsonNode q = variable.path("query");
        return q.isObject() ? q.path("query").asText() : q.asText();
    }

    /** Panels, including those inside collapsed rows; rows themselves have no queries. */
    static void collectPanels(JsonNode list, List<JsonNode> into) {
        for (JsonNode panel : list) {
            if (panel.path("type").asText().equals("row")) {
                collectPanels(panel.path("panels"), into);
            } else {
                into.add(panel);
            }
        }
    }

    static Set<String> plus(Set<String> set, String extra) {
        Set<String> result = new HashSet<>(set);
        result.add(extra);
        return Set.copyOf(result);
    }
}
