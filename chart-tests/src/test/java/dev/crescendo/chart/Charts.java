package dev.crescendo.chart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The chart under test, rendered and linted by Helm's own engine (helm-java), and its output as typed objects. */
final class Charts {
    static final Path REPO = Path.of(System.getProperty("crescendo.repo.dir", "..")).toAbsolutePath().normalize();
    static final Path CHART = Path.of(System.getProperty("crescendo.chart.dir", REPO.resolve("helm/crescendo").toString()))
            .toAbsolutePath().normalize();
    static final String RELEASE = "crescendo";
    static final String NAMESPACE = "crescendo-system";
    /**
     * The oldest Kubernetes the chart supports (Chart.yaml kubeVersion). Said explicitly because Helm's
     * library, outside the helm binary's build, assumes v1.20, which the chart refuses.
     */
    static final String KUBE_VERSION = "v1.25.0";

    static final ObjectMapper YAML = new YAMLMapper();
    static final ObjectMapper JSON = new ObjectMapper();
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private Charts() {}

    /** {@code helm template crescendo helm/crescendo -n crescendo-system -f values...}. */
    static String template(List<Path> valuesFiles) {
        TemplateCommand template = new Helm(CHART).template()
                .withName(RELEASE).withNamespace(NAMESPACE).withKubeVersion(KUBE_VERSION);
        valuesFiles.forEach(template::withValuesFile);
        return template.call();
    }

    static Rendered render(String... valuesResources) {
        return new Rendered(parse(template(Stream.of(valuesResources).map(Charts::resource).toList())));
    }

    /**
     * Rendered with values given as dotted paths ("caps.maxVUs" -> 10). They go through a values file,
     * not --set: helm-java passes --set values as escaped strings, so lists and decimals would not survive.
     */
    static Rendered render(Map<String, Object> values) {
        ObjectNode root = YAML.createObjectNode();
        values.forEach((path, value) -> {
            String[] keys = path.split("\\.");
            ObjectNode node = root;
            for (int i = 0; i < keys.length - 1; i++) {
                node = node.has(keys[i]) ? (ObjectNode) node.get(keys[i]) : node.putObject(keys[i]);
            }
            node.set(keys[keys.length - 1], YAML.valueToTree(value));
        });
        try {
            Path file = Files.createTempFile("values-", ".yaml");
            file.toFile().deleteOnExit();
            YAML.writeValue(file.toFile(), root);
            return new Rendered(parse(template(List.of(file))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every document of a multi-document YAML stream as a Kubernetes object (empty documents skipped). */
    static List<HasMetadata> parse(String manifests) {
        List<HasMetadata> objects = new ArrayList<>();
        try (var parser = new YAMLFactory().createParser(manifests)) {
            Iterator<JsonNode> docs = YAML.readValues(parser, JsonNode.class);
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc != null && doc.isObject() && !doc.isEmpty()) {
                    objects.add(SERIALIZATION.unmarshal(JSON.writeValueAsString(doc)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return objects;
    }

    /** A values file of this module's test resources. */
    static Path resource(String name) {
        try {
            return Path.of(Charts.class.getResource("/" + name).toURI());
        } catch (Exception e) {
            throw new IllegalArgumentException("no test resource " + name, e);
        }
    }

    /**
     * A copy of the chart whose values.yaml is the chart's own with {@code overrides} merged in:
     * {@code helm lint} takes no values of its own (in helm-java), and linting a copy also runs the
     * values schema against the merged values, as {@code helm lint -f} would.
     */
    static Path chartWithValues(Path overrides, Path workDir) throws IOException {
        Path copy = workDir.resolve(CHART.getFileName());
        try (Stream<Path> files = Files.walk(CHART)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path target = copy.resolve(CHART.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
        ObjectNode values = (ObjectNode) YAML.readTree(CHART.resolve("values.yaml").toFile());
        merge(values, (ObjectNode) YAML.readTree(overrides.toFile()));
        YAML.writeValue(copy.resolve("values.yaml").toFile(), values);
        return copy;
    }

    /** Helm's coalescing: maps merge key by key, anything else (lists included) is replaced. */
    private static void merge(ObjectNode base, ObjectNode overrides) {
        overrides.properties().forEach(e -> {
            JsonNode current = base.get(e.getKey());
            if (current instanceof ObjectNode currentObject && e.getValue() instanceof ObjectNode override) {
                merge(currentObject, override);
            } else {
                base.set(e.getKey(), e.getValue());
            }
        });
    }

    /** The rendered objects of one {@code helm template}. */
    record Rendered(List<HasMetadata> objects) {
        <T extends HasMetadata> List<T> all(Class<T> type) {
            return objects.stream().filter(type::isInstance).map(type::cast).toList();
        }

        <T extends HasMetadata> T one(Class<T> type) {
            List<T> found = all(type);
            if (found.size() != 1) {
                throw new AssertionError("expected one " + type.getSimpleName() + ", rendered " + found.size());
            }
            return found.get(0);
        }

        List<HasMetadata> ofKind(String kind) {
            return objects.stream().filter(o -> kind.equals(o.getKind())).toList();
        }
    }
}
