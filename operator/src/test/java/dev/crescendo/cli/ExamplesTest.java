package dev.crescendo.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.crescendo.api.LoadCampaign;
import dev.crescendo.api.LoadCampaignSpec;
import dev.crescendo.api.ProgressionSpec;
import dev.crescendo.api.ThresholdSpec;
import dev.crescendo.campaign.ManifestReader;
import dev.crescendo.loadgen.config.Durations;
import dev.crescendo.loadgen.config.ScenarioSpec.OperationSpec;
import dev.crescendo.loadgen.config.StageConfig.StageSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * The campaigns in the repository's {@code examples/}: each passes {@code crescendo validate}, fits
 * the CRD's structural schema (what the API server checks on {@code kubectl apply}) and explains
 * itself in comments; the four report replays have the report's own stages and thresholds.
 */
class ExamplesTest {
    /** Surefire runs in the operator module; the examples are at the repository root. */
    private static final Path EXAMPLES = Path.of("..", "examples");
    private static final Path CRD = Path.of("..", "crds", "loadcampaigns.crescendo.dev-v1.yml");
    private static final List<String> REQUIRED = List.of(
            "chat-progressive.yaml", "stress-suite.yaml", "phased-traffic.yaml", "manual-gitops.yaml");
    private static final YAMLMapper YAML = new YAMLMapper();

    static List<Path> examples() throws IOException {
        try (Stream<Path> files = Files.walk(EXAMPLES)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
        }
    }

    @Test
    void theExamplesAreThere() throws IOException {
        assertThat(EXAMPLES).isDirectory();
        assertThat(examples()).hasSizeGreaterThanOrEqualTo(REQUIRED.size())
                .extracting(p -> p.getFileName().toString())
                .containsAll(REQUIRED);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void crescendoValidateAcceptsIt(Path file) {
        StringWriter out = new StringWriter();
        CommandLine cli = CrescendoCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(out));

        int exit = cli.execute("validate", file.toString());

        assertThat(exit).as("crescendo validate %s said:%n%s", file, out).isZero();
        List<String> lines = out.toString().lines().toList();
        assertThat(lines).isNotEmpty()
                .allSatisfy(line -> assertThat(line).startsWith(file + ": ").contains(" is valid (").doesNotContain("invalid"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void everyDocumentIsANamedCampaignWithoutProblems(Path file) throws Exception {
        List<ManifestReader.Manifest> manifests = ManifestReader.read(file);

        assertThat(manifests).isNotEmpty().allSatisfy(m -> {
            assertThat(m.problems()).as("%s %s", file, m.describe()).isEmpty();
            assertThat(m.campaign().getApiVersion()).isEqualTo(LoadCampaign.GROUP + "/" + LoadCampaign.VERSION);
            assertThat(m.campaign().getMetadata().getName()).isNotBlank();
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void itHasComments(Path file) throws IOException {
        assertThat(Files.readAllLines(file)).as("%s explains itself in comments", file)
                .anyMatch(line -> line.stripLeading().startsWith("#"));
    }

    /** The report replays go into a namespace of their own and say which report they replay. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("reportCampaigns")
    void aReportReplayHasANamespaceAndNamesItsReport(String file) throws Exception {
        assertThat(campaign(file).getMetadata().getNamespace()).isNotBlank();
        assertThat(Files.readString(EXAMPLES.resolve(file))).as("%s names the field report it replays", file)
                .containsPattern("[Rr]eports? 00[0-4]");
    }

    static List<String> reportCampaigns() {
        return REQUIRED;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void theCrdSchemaAcceptsIt(Path file) throws IOException {
        CrdSchema schema = CrdSchema.load();
        for (JsonNode document : documents(file)) {
            assertThat(schema.check(document)).as("%s against %s", file, CRD).isEmpty();
        }
    }

    /** The schema check above must be able to fail: each edit is one the API server would refuse. */
    @Test
    void theSchemaCheckRejectsWhatTheApiServerWould() throws IOException {
        CrdSchema schema = CrdSchema.load();
        JsonNode good = documents(EXAMPLES.resolve("chat-progressive.yaml")).get(0);
        assertThat(schema.check(good)).isEmpty();

        Map<String, java.util.function.Consumer<ObjectNode>> edits = new java.util.LinkedHashMap<>();
        edits.put("spec.stages[0].users: unknown field", m -> stage(m, 0).put("users", 5));
        edits.put("spec.stages[1].duration: '2 minutes' does not match", m -> stage(m, 1).put("duration", "2 minutes"));
        edits.put("spec.target.baseUrl: is required", m -> ((ObjectNode) m.path("spec").path("target")).remove("baseUrl"));
        edits.put("spec.stages[0].vus: expected integer", m -> stage(m, 0).put("vus", "five"));
        edits.put("spec.stages[0].vus: 0 is below the minimum 1", m -> stage(m, 0).put("vus", 0));
        edits.put("spec.halt.onMetricsUnavailable: 'Stop' is not one of [Continue, Halt]",
                m -> ((ObjectNode) m.path("spec").path("halt")).put("onMetricsUnavailable", "Stop"));
        edits.put("spec.scenario.operations[0].expect.status[0]: 700 is above the maximum 599",
                m -> ((ArrayNode) m.path("spec").path("scenario").path("operations").path(0).path("expect").path("status")).set(0, 700));
        edits.put("metadata.name: is required", m -> ((ObjectNode) m.path("metadata")).remove("name"));
        edits.put("spec.scenario.operations: fewer than 1 items",
                m -> ((ArrayNode) m.path("spec").path("scenario").path("operations")).removeAll());

        edits.forEach((expected, edit) -> {
            ObjectNode bad = good.deepCopy();
            edit.accept(bad);
            assertThat(schema.check(bad)).as(expected).anySatisfy(p -> assertThat(p).startsWith(expected));
        });
    }

    private static ObjectNode stage(ObjectNode manifest, int i) {
        return (ObjectNode) manifest.path("spec").path("stages").path(i);
    }

    /** Report 001: the two stages it ran and the four it planned, with their loads and durations. */
    @Test
    void chatProgressiveRunsReport001sStages() throws Exception {
        LoadCampaignSpec spec = campaign("chat-progressive.yaml").getSpec();

        assertThat(spec.stages())
                .extracting(StageSpec::name, StageSpec::vus, s -> Durations.parse(s.duration()).toSeconds())
                .containsExactly(
                        tuple("smoke", 5, 30L), tuple("light", 20, 120L),
                        tuple("medium", 50, 300L), tuple("high", 100, 300L),
                        tuple("peak", 150, 600L), tuple("stress", 200, 600L));
        assertThat(spec.stages()).allSatisfy(s -> assertThat(s.arrivalRate()).isNull());
    }

    /** Report 001's SLO table (send P95 250 ms / P99 500 ms, history P95 350 ms / P99 600 ms, errors 1 %) and the pool. */
    @Test
    void chatProgressiveJudgesTheReportsSlosAndThePool() throws Exception {
        LoadCampaignSpec spec = campaign("chat-progressive.yaml").getSpec();

        assertThat(spec.thresholds()).filteredOn(t -> t.latency() != null)
                .extracting(t -> t.latency().operation(), t -> t.latency().percentile(), ThresholdSpec::fail, t -> t.warn() != null)
                .containsExactlyInAnyOrder(
                        tuple("send", 95.0, "250ms", true), tuple("send", 99.0, "500ms", true),
                        tuple("history", 95.0, "350ms", true), tuple("history", 99.0, "600ms", true));
        assertThat(spec.thresholds()).anySatisfy(t -> {
            assertThat(t.errorRate()).isNotNull();
            assertThat(t.fail()).isEqualTo("1%");
        });
        assertThat(spec.thresholds()).anySatisfy(t -> assertThat(t.promql()).isNotNull()
                .contains("hikaricp_connections_active", "hikaricp_connections_max", "${namespace}"));
        assertThat(spec.prometheus().url()).startsWith("http://").contains(".svc");
        assertThat(spec.target().baseUrl()).contains(".svc.cluster.local");
        assertThat(spec.target().preflight().expectBody().jsonPath()).isEqualTo("$.status");
        assertThat(spec.target().preflight().expectBody().equals()).isEqualTo("ok");
    }

    /**
     * A history cursor is a message id, valid only in the conversation it was posted to. Every
     * operation that pages with an extracted cursor must be in the same conversation as the
     * operation that extracted it, so the conversation variable may have one value only.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("chatCampaigns")
    void aCursorIsOnlyUsedInTheConversationItCameFrom(String file) throws Exception {
        LoadCampaignSpec spec = campaign(file).getSpec();
        OperationSpec send = operation(spec, "send");
        OperationSpec history = operation(spec, "history");

        assertThat(send.weight()).isEqualTo(70);
        assertThat(history.weight()).isEqualTo(30);
        assertThat(send.request().method()).isEqualTo("POST");
        assertThat(send.extract()).containsKey("cursor");
        assertThat(history.request().path()).contains("cursor=${cursor}");
        String conversation = "${conversationId}";
        assertThat(send.request().path()).contains(conversation);
        assertThat(history.request().path()).contains(conversation);
        assertThat(spec.scenario().variables().get("conversationId").values()).hasSize(1);
    }

    static Stream<String> chatCampaigns() {
        return Stream.of("chat-progressive.yaml", "manual-gitops.yaml");
    }

    /** Report 003: 0 -> 10 -> 30 -> 50 -> 100 VUs as ramping stages, 429 expected on one operation only. */
    @Test
    void stressSuiteRampsAndExpectsRateLimitingOnOneOperation() throws Exception {
        LoadCampaignSpec spec = campaign("stress-suite.yaml").getSpec();

        assertThat(spec.stages()).extracting(StageSpec::vus).containsExactly(10, 30, 50, 100);
        assertThat(spec.stages()).allSatisfy(s -> assertThat(s.rampUp()).isNotNull());
        assertThat(spec.scenario().operations())
                .filteredOn(op -> op.expect() != null && op.expect().status() != null && op.expect().status().contains(429))
                .hasSize(1);
        assertThat(spec.thresholds()).anySatisfy(t -> {
            assertThat(t.outcomeRate()).isNotNull();
            assertThat(t.outcomeRate().outcome()).isEqualTo("rate_limited");
        });
        assertThat(spec.thresholds()).anySatisfy(t -> {
            assertThat(t.latency()).isNotNull();
            assertThat(t.warn()).isNotNull();
            assertThat(t.sustain()).isNotNull();
        });
    }

    /** Report 004: five phases, an open-model stage, a limit where below is bad, and halt settings. */
    @Test
    void phasedTrafficHasTheReportsPhasesAndAThresholdThatFailsBelowItsLimit() throws Exception {
        LoadCampaignSpec spec = campaign("phased-traffic.yaml").getSpec();

        assertThat(spec.stages()).extracting(StageSpec::name).containsExactly("warm-up", "normal", "peak", "stress", "recovery");
        assertThat(spec.stages()).anySatisfy(s -> {
            assertThat(s.arrivalRate()).isNotNull();
            assertThat(s.maxInFlight()).isNotNull();
        });
        assertThat(spec.thresholds()).anySatisfy(t -> {
            assertThat(t.fail()).startsWith("<");
            assertThat(t.promql()).isNotNull();
        });
        assertThat(spec.halt().evaluationInterval()).isNotNull();
        assertThat(spec.halt().window()).isNotNull();
        assertThat(spec.halt().onMetricsUnavailable()).isNotNull();
    }

    @Test
    void manualGitopsApprovesOnlyItsFirstStage() throws Exception {
        LoadCampaignSpec spec = campaign("manual-gitops.yaml").getSpec();

        assertThat(spec.progression().mode()).isEqualTo(ProgressionSpec.Mode.Manual);
        assertThat(spec.progression().approvedThrough()).isEqualTo(spec.stages().get(0).name());
        assertThat(spec.stages()).hasSizeGreaterThan(1);
    }

    private static LoadCampaign campaign(String file) throws Exception {
        List<ManifestReader.Manifest> manifests = ManifestReader.read(EXAMPLES.resolve(file));
        assertThat(manifests).hasSize(1);
        assertThat(manifests.get(0).problems()).isEmpty();
        return manifests.get(0).campaign();
    }

    private static OperationSpec operation(LoadCampaignSpec spec, String name) {
        return spec.scenario().operations().stream().filter(op -> op.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no operation " + name));
    }

    private static List<JsonNode> documents(Path file) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        try (var it = YAML.readerFor(JsonNode.class).readValues(Files.readString(file))) {
            while (it.hasNextValue()) {
                JsonNode node = (JsonNode) it.nextValue();
                if (node != null && !node.isNull() && !node.isMissingNode()) {
                    out.add(node);
                }
            }
        }
        return out;
    }

    /**
     * The structural part of what the API server checks against {@code crds/}: known fields only,
     * required fields, types, patterns, enums, ranges and sizes, over {@code spec}; plus apiVersion,
     * kind and metadata.name. The CEL rules ({@code x-kubernetes-validations})
     * are not evaluated here; {@code CampaignValidator} makes the same checks and runs above.
     */
    static final class CrdSchema {
        private final String apiVersion;
        private final String kind;
        private final JsonNode root;

        private CrdSchema(String apiVersion, String kind, JsonNode root) {
            this.apiVersion = apiVersion;
            this.kind = kind;
            this.root = root;
        }

        static CrdSchema load() throws IOException {
            JsonNode crd = YAML.readTree(CRD.toFile());
            String group = crd.path("spec").path("group").asText();
            JsonNode version = null;
            for (JsonNode v : crd.path("spec").path("versions")) {
                if (v.path("name").asText().equals(LoadCampaign.VERSION)) {
                    version = v;
                }
            }
            assertThat(version).as("%s serves %s", CRD, LoadCampaign.VERSION).isNotNull();
            assertThat(crd.path("spec").path("scope").asText()).isEqualTo("Namespaced");
            return new CrdSchema(group + "/" + LoadCampaign.VERSION, crd.path("spec").path("names").path("kind").asText(),
                    version.path("schema").path("openAPIV3Schema"));
        }

        List<String> check(JsonNode manifest) {
            List<String> problems = new ArrayList<>();
            if (!apiVersion.equals(manifest.path("apiVersion").asText())) {
                problems.add("apiVersion: expected " + apiVersion);
            }
            if (!kind.equals(manifest.path("kind").asText())) {
                problems.add("kind: expected " + kind);
            }
            if (manifest.path("metadata").path("name").asText("").isBlank()) {
                problems.add("metadata.name: is required");
            }
            for (Iterator<String> it = manifest.fieldNames(); it.hasNext(); ) {
                String field = it.next();
                if (!List.of("apiVersion", "kind", "metadata", "spec").contains(field)) {
                    problems.add(field + ": unknown field");
                }
            }
            if (manifest.has("spec")) {
                check("spec", manifest.get("spec"), root.path("properties").path("spec"), problems);
            } else {
                problems.add("spec: is required");
            }
            return problems;
        }

        private static void check(String at, JsonNode value, JsonNode schema, List<String> problems) {
            if (value.isNull()) {
                problems.add(at + ": null");
                return;
            }
            if (schema.path("x-kubernetes-int-or-string").asBoolean()) {
                if (!value.isIntegralNumber() && !value.isTextual()) {
                    problems.add(at + ": expected integer or string");
                }
                return;
            }
            String type = schema.path("type").asText("");
            if (type.isEmpty()) {
                if (!schema.path("x-kubernetes-preserve-unknown-fields").asBoolean()) {
                    problems.add(at + ": the schema has no type here");
                }
                return;
            }
            switch (type) {
                case "object" -> object(at, value, schema, problems);
                case "array" -> array(at, value, schema, problems);
                case "string" -> string(at, value, schema, problems);
                case "integer" -> {
                    if (!value.isIntegralNumber()) {
                        problems.add(at + ": expected integer, got " + value.getNodeType());
                    } else {
                        range(at, value, schema, problems);
                    }
                }
                case "number" -> {
                    if (!value.isNumber()) {
                        problems.add(at + ": expected number, got " + value.getNodeType());
                    } else {
                        range(at, value, schema, problems);
                    }
                }
                case "boolean" -> {
                    if (!value.isBoolean()) {
                        problems.add(at + ": expected boolean, got " + value.getNodeType());
                    }
                }
                default -> problems.add(at + ": unsupported schema type " + type);
            }
        }

        private static void object(String at, JsonNode value, JsonNode schema, List<String> problems) {
            if (!value.isObject()) {
                problems.add(at + ": expected object, got " + value.getNodeType());
                return;
            }
            for (JsonNode required : schema.path("required")) {
                if (!value.has(required.asText())) {
                    problems.add(at + "." + required.asText() + ": is required");
                }
            }
            JsonNode properties = schema.path("properties");
            JsonNode additional = schema.path("additionalProperties");
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String path = at + "." + field.getKey();
                if (properties.has(field.getKey())) {
                    check(path, field.getValue(), properties.get(field.getKey()), problems);
                } else if (additional.isObject()) {
                    check(path, field.getValue(), additional, problems);
                } else if (!schema.path("x-kubernetes-preserve-unknown-fields").asBoolean()) {
                    problems.add(path + ": unknown field");
                }
            }
        }

        private static void array(String at, JsonNode value, JsonNode schema, List<String> problems) {
            if (!value.isArray()) {
                problems.add(at + ": expected array, got " + value.getNodeType());
                return;
            }
            if (schema.has("minItems") && value.size() < schema.get("minItems").asInt()) {
                problems.add(at + ": fewer than " + schema.get("minItems").asInt() + " items");
            }
            if (schema.has("maxItems") && value.size() > schema.get("maxItems").asInt()) {
                problems.add(at + ": more than " + schema.get("maxItems").asInt() + " items");
            }
            for (int i = 0; i < value.size(); i++) {
                check(at + "[" + i + "]", value.get(i), schema.path("items"), problems);
            }
        }

        private static void string(String at, JsonNode value, JsonNode schema, List<String> problems) {
            if (!value.isTextual()) {
                problems.add(at + ": expected string, got " + value.getNodeType() + " " + value);
                return;
            }
            String text = value.asText();
            if (schema.has("pattern") && !Pattern.compile(schema.get("pattern").asText()).matcher(text).find()) {
                problems.add(at + ": '" + text + "' does not match " + schema.get("pattern").asText());
            }
            if (schema.has("maxLength") && text.codePointCount(0, text.length()) > schema.get("maxLength").asInt()) {
                problems.add(at + ": longer than " + schema.get("maxLength").asInt());
            }
            if (schema.has("enum")) {
                List<String> allowed = new ArrayList<>();
                schema.get("enum").forEach(e -> allowed.add(e.asText()));
                if (!allowed.contains(text)) {
                    problems.add(at + ": '" + text + "' is not one of " + allowed);
                }
            }
        }

        private static void range(String at, JsonNode value, JsonNode schema, List<String> problems) {
            double v = value.asDouble();
            String shown = value.isIntegralNumber() ? String.valueOf(value.asLong()) : String.valueOf(v);
            if (schema.has("minimum")) {
                double min = schema.get("minimum").asDouble();
                boolean exclusive = schema.path("exclusiveMinimum").asBoolean();
                if (exclusive ? v <= min : v < min) {
                    problems.add(at + ": " + shown + " is below the minimum " + trim(min) + (exclusive ? " (exclusive)" : ""));
                }
            }
            if (schema.has("maximum")) {
                double max = schema.get("maximum").asDouble();
                boolean exclusive = schema.path("exclusiveMaximum").asBoolean();
                if (exclusive ? v >= max : v > max) {
                    problems.add(at + ": " + shown + " is above the maximum " + trim(max) + (exclusive ? " (exclusive)" : ""));
                }
            }
        }

        private static String trim(double d) {
            return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
        }
    }
}
