package dev.crescendo.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.crescendo.chart.Charts.Rendered;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.api.model.rbac.SubjectBuilder;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code helm template} of the chart, with default and non-default values, read back as Kubernetes objects. */
class ChartTemplateTest {
    /** Exactly what the operator does with the API, and nothing more (DESIGN §9). */
    static final List<PolicyRule> OPERATOR_RULES = List.of(
            rule("crescendo.dev", "loadcampaigns", "get", "list", "watch"),
            rule("crescendo.dev", "loadcampaigns/status", "get", "patch", "update"),
            rule("batch", "jobs", "get", "list", "watch", "create", "delete"),
            rule("", "pods", "get", "list", "watch"),
            rule("", "secrets", "get"),
            rule("", "events", "create", "patch"));
    static final List<PolicyRule> LEASE_RULES = List.of(rule("coordination.k8s.io", "leases", "get", "create", "update"));
    static final Subject OPERATOR_ACCOUNT = new SubjectBuilder()
            .withKind("ServiceAccount").withName(Charts.RELEASE).withNamespace(Charts.NAMESPACE).build();

    static String appVersion;
    static Rendered defaults;
    static Rendered custom;

    @BeforeAll
    static void render() throws Exception {
        appVersion = Charts.YAML.readTree(Charts.CHART.resolve("Chart.yaml").toFile()).get("appVersion").asText();
        defaults = Charts.render();
        custom = Charts.render("values-custom.yaml");
    }

    static PolicyRule rule(String group, String resource, String... verbs) {
        return new PolicyRuleBuilder().withApiGroups(group).withResources(resource).withVerbs(verbs).build();
    }

    // ---- RBAC -------------------------------------------------------------------------------------

    @Test
    void allNamespacesGetOneClusterRoleWithExactlyTheRulesTheOperatorUses() {
        ClusterRole role = defaults.one(ClusterRole.class);
        assertThat(role.getMetadata().getName()).isEqualTo(Charts.RELEASE);
        assertThat(role.getRules()).containsExactlyElementsOf(OPERATOR_RULES);
        assertThat(role.getAggregationRule()).isNull();

        ClusterRoleBinding binding = defaults.one(ClusterRoleBinding.class);
        assertThat(binding.getRoleRef().getKind()).isEqualTo("ClusterRole");
        assertThat(binding.getRoleRef().getName()).isEqualTo(role.getMetadata().getName());
        assertThat(binding.getSubjects()).containsExactly(OPERATOR_ACCOUNT);
        assertThat(defaults.one(ServiceAccount.class).getMetadata().getName()).isEqualTo(Charts.RELEASE);
    }

    @Test
    void leaderElectionGetsALeaseRoleInTheReleaseNamespaceOnly() {
        // Cluster-wide mode: the only Role is the lease one, in the operator's own namespace.
        Role lease = defaults.one(Role.class);
        assertThat(lease.getMetadata().getNamespace()).isEqualTo(Charts.NAMESPACE);
        assertThat(lease.getRules()).containsExactlyElementsOf(LEASE_RULES);
        RoleBinding binding = defaults.one(RoleBinding.class);
        assertThat(binding.getMetadata().getNamespace()).isEqualTo(Charts.NAMESPACE);
        assertThat(binding.getRoleRef().getName()).isEqualTo(lease.getMetadata().getName());
        assertThat(binding.getSubjects()).containsExactly(OPERATOR_ACCOUNT);

        Rendered withoutElection = Charts.render(Map.of("leaderElection.enabled", false));
        assertThat(withoutElection.all(Role.class)).isEmpty();
        assertThat(withoutElection.all(RoleBinding.class)).isEmpty();
        assertThat(withoutElection.one(ClusterRole.class).getRules()).containsExactlyElementsOf(OPERATOR_RULES);
    }

    @Test
    void watchedNamespacesGetARoleEachAndNoClusterWideRights() {
        assertThat(custom.all(ClusterRole.class)).isEmpty();
        assertThat(custom.all(ClusterRoleBinding.class)).isEmpty();

        List<Role> roles = custom.all(Role.class);
        assertThat(roles).extracting(r -> r.getMetadata().getNamespace()).containsExactly("a", "b");
        assertThat(roles).allSatisfy(r -> assertThat(r.getRules()).containsExactlyElementsOf(OPERATOR_RULES));
        // leaderElection.enabled is false in these values: no lease Role either.
        assertThat(roles).noneSatisfy(r -> assertThat(r.getRules()).containsAnyElementsOf(LEASE_RULES));

        List<RoleBinding> bindings = custom.all(RoleBinding.class);
        assertThat(bindings).extracting(b -> b.getMetadata().getNamespace()).containsExactly("a", "b");
        assertThat(bindings).allSatisfy(b -> {
            assertThat(b.getRoleRef().getKind()).isEqualTo("Role");
            assertThat(b.getRoleRef().getName()).isEqualTo(Charts.RELEASE);
            assertThat(b.getSubjects()).containsExactly(OPERATOR_ACCOUNT);
        });

        // With leader election, the lease Role joins them in the release namespace.
        Rendered namespacedWithElection = Charts.render(Map.of("watchNamespaces", List.of("a", "b")));
        assertThat(namespacedWithElection.all(ClusterRole.class)).isEmpty();
        assertThat(namespacedWithElection.all(Role.class)).extracting(r -> r.getMetadata().getNamespace())
                .containsExactlyInAnyOrder("a", "b", Charts.NAMESPACE);
    }

    @Test
    void noRuleAnywhereUsesAWildcard() {
        for (Rendered rendered : List.of(defaults, custom)) {
            List<PolicyRule> rules = new ArrayList<>();
            rendered.all(ClusterRole.class).forEach(r -> rules.addAll(r.getRules()));
            rendered.all(Role.class).forEach(r -> rules.addAll(r.getRules()));
            assertThat(rules).isNotEmpty().allSatisfy(r -> assertThat(Stream.of(r.getApiGroups(), r.getResources(),
                            r.getVerbs(), r.getResourceNames(), r.getNonResourceURLs())
                    .filter(Objects::nonNull).flatMap(List::stream))
                    .as("rule %s", r).noneMatch(s -> s.contains("*")));
        }
    }

    // ---- Deployment -------------------------------------------------------------------------------

    @Test
    void operatorRunsNonRootReadOnlyWithoutCapabilities() {
        var pod = defaults.one(Deployment.class).getSpec().getTemplate().getSpec();
        assertThat(pod.getSecurityContext()).isEqualTo(new PodSecurityContextBuilder()
                .withRunAsNonRoot(true).withRunAsUser(65532L)
                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                .build());
        assertThat(pod.getContainers()).hasSize(1);
        assertThat(pod.getContainers().get(0).getSecurityContext()).isEqualTo(new SecurityContextBuilder()
                .withAllowPrivilegeEscalation(false).withReadOnlyRootFilesystem(true)
                .withNewCapabilities().withDrop("ALL").endCapabilities()
                .build());
        assertThat(pod.getAutomountServiceAccountToken()).isTrue();
        assertThat(pod.getServiceAccountName()).isEqualTo(Charts.RELEASE);
        // The JVM's writable /tmp on a read-only root filesystem.
        assertThat(pod.getVolumes()).singleElement().satisfies(v -> {
            assertThat(v.getName()).isEqualTo("tmp");
            assertThat(v.getEmptyDir()).isNotNull();
        });
        assertThat(pod.getContainers().get(0).getVolumeMounts()).singleElement()
                .satisfies(m -> assertThat(m.getMountPath()).isEqualTo("/tmp"));
    }

    @Test
    void operatorContainerServesMetricsAndProbesOnPortHttp() {
        Container operator = defaults.one(Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(operator.getArgs()).containsExactly("operator");
        assertThat(operator.getCommand()).isNullOrEmpty();
        assertThat(operator.getPorts()).containsExactly(new ContainerPortBuilder()
                .withName("http").withContainerPort(8080).withProtocol("TCP").build());
        assertThat(operator.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
        assertThat(operator.getLivenessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("http");
        assertThat(operator.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
        assertThat(operator.getReadinessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("http");
        assertThat(operator.getResources().getLimits()).containsKey("memory");

        Service service = defaults.one(Service.class);
        assertThat(service.getSpec().getPorts()).containsExactly(new ServicePortBuilder()
                .withName("http").withPort(8080).withNewTargetPort("http").withProtocol("TCP").build());
        assertThat(service.getSpec().getSelector())
                .isEqualTo(defaults.one(Deployment.class).getSpec().getSelector().getMatchLabels())
                .isEqualTo(defaults.one(Deployment.class).getSpec().getTemplate().getMetadata().getLabels());
    }

    @Test
    void imageIsTheRepositoryAtTheChartsAppVersionAndStageJobsGetTheSame() {
        Container operator = defaults.one(Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0);
        String image = "ghcr.io/crescendo-dev/crescendo:" + appVersion;
        assertThat(operator.getImage()).isEqualTo(image);
        assertThat(operator.getImagePullPolicy()).isEqualTo("IfNotPresent");
        assertThat(env(operator)).containsEntry("CRESCENDO_LOADGEN_IMAGE", image);

        Container customOperator = custom.one(Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(customOperator.getImage()).isEqualTo("ghcr.io/crescendo-dev/crescendo:0.2.0-rc1");
        assertThat(env(customOperator)).containsEntry("CRESCENDO_LOADGEN_IMAGE", "ghcr.io/crescendo-dev/crescendo:0.2.0-rc1");
    }

    @Test
    void defaultSettingsReachTheOperatorAsEnvironment() {
        Container operator = defaults.one(Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(env(operator)).containsExactlyEntriesOf(ordered(
                "CRESCENDO_WATCH_NAMESPACES", "",
                "CRESCENDO_DEFAULT_PROMETHEUS_URL", "",
                "CRESCENDO_ALLOWED_TARGETS", "*.svc,*.svc.cluster.local",
                "CRESCENDO_MAX_VUS", "1000",
                "CRESCENDO_MAX_ARRIVAL_RATE", "2000",
                "CRESCENDO_MAX_STAGE_DURATION", "30m",
                "CRESCENDO_EVALUATION_INTERVAL", "5s",
                "CRESCENDO_LOG_LEVEL", "warn",
                "CRESCENDO_LEADER_ELECTION", "true",
                "CRESCENDO_LOADGEN_IMAGE", "ghcr.io/crescendo-dev/crescendo:" + appVersion,
                "POD_NAMESPACE", "fieldRef:metadata.namespace",
                "POD_NAME", "fieldRef:metadata.name"));
        assertThat(defaults.one(Deployment.class).getSpec().getReplicas()).isEqualTo(1);
    }

    @Test
    void customSettingsReachTheOperatorAsEnvironment() {
        Deployment deployment = custom.one(Deployment.class);
        assertThat(env(deployment.getSpec().getTemplate().getSpec().getContainers().get(0))).containsAllEntriesOf(ordered(
                "CRESCENDO_WATCH_NAMESPACES", "a,b",
                "CRESCENDO_DEFAULT_PROMETHEUS_URL", "http://prometheus-operated.monitoring.svc:9090",
                "CRESCENDO_ALLOWED_TARGETS", "*.perf.svc.cluster.local,staging-api.example.com",
                "CRESCENDO_MAX_VUS", "250",
                "CRESCENDO_MAX_ARRIVAL_RATE", "1000000",
                "CRESCENDO_MAX_STAGE_DURATION", "10m",
                "CRESCENDO_EVALUATION_INTERVAL", "2s",
                "CRESCENDO_LOG_LEVEL", "info",
                "CRESCENDO_LEADER_ELECTION", "false"));
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);

        // A fractional rate stays as it is.
        Container fractional = Charts.render(Map.of("caps.maxArrivalRate", 12.5)).one(Deployment.class)
                .getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(env(fractional)).containsEntry("CRESCENDO_MAX_ARRIVAL_RATE", "12.5");
    }

    // ---- Monitoring -------------------------------------------------------------------------------

    @Test
    void monitorsOnlyWhenEnabled() {
        assertThat(defaults.ofKind("ServiceMonitor")).isEmpty();
        assertThat(defaults.ofKind("PodMonitor")).isEmpty();
        assertThat(custom.ofKind("ServiceMonitor")).hasSize(1);
        assertThat(custom.ofKind("PodMonitor")).hasSize(1);
        Rendered onlyPods = Charts.render(Map.of("podMonitor.enabled", true));
        assertThat(onlyPods.ofKind("ServiceMonitor")).isEmpty();
        assertThat(onlyPods.ofKind("PodMonitor")).hasSize(1);
    }

    @Test
    void serviceMonitorScrapesTheOperatorService() {
        HasMetadata monitor = custom.ofKind("ServiceMonitor").get(0);
        assertThat(monitor.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
        assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "kube-prometheus-stack");
        JsonNode spec = spec(monitor);
        Map<String, String> selector = Charts.JSON.convertValue(spec.at("/selector/matchLabels"),
                new TypeReference<Map<String, String>>() {});
        assertThat(selector).isEqualTo(custom.one(Service.class).getSpec().getSelector());
        assertThat(spec.at("/namespaceSelector/matchNames/0").asText()).isEqualTo(Charts.NAMESPACE);
        assertThat(spec.at("/endpoints/0/port").asText()).isEqualTo("http");
        assertThat(spec.at("/endpoints/0/path").asText()).isEqualTo("/metrics");
        assertThat(spec.at("/endpoints/0/interval").asText()).isEqualTo("15s");
        // The operator's `namespace` label (the campaign's) must not give way to the target's.
        assertThat(spec.at("/endpoints/0/honorLabels").asBoolean()).isTrue();
    }

    @Test
    void podMonitorScrapesLoadGeneratorPodsInTheWatchedNamespaces() {
        JsonNode spec = spec(custom.ofKind("PodMonitor").get(0));
        assertThat(spec.at("/selector/matchLabels").properties()).singleElement().satisfies(e -> {
            assertThat(e.getKey()).isEqualTo("app.kubernetes.io/name");
            assertThat(e.getValue().asText()).isEqualTo("crescendo-loadgen");
        });
        assertThat(spec.at("/namespaceSelector/matchNames").toString()).isEqualTo("[\"a\",\"b\"]");
        assertThat(spec.at("/podMetricsEndpoints/0/port").asText()).isEqualTo("metrics");
        assertThat(spec.at("/podMetricsEndpoints/0/path").asText()).isEqualTo("/metrics");
        assertThat(spec.at("/podMetricsEndpoints/0/honorLabels").asBoolean()).isTrue();

        // All namespaces watched: stage pods anywhere.
        JsonNode everywhere = spec(Charts.render(Map.of("podMonitor.enabled", true)).ofKind("PodMonitor").get(0));
        assertThat(everywhere.at("/namespaceSelector/any").asBoolean()).isTrue();
    }

    // ---- Grafana dashboard ------------------------------------------------------------------------

    @Test
    void dashboardConfigMapCarriesTheSidecarLabelAndTheDashboardJson() throws Exception {
        ConfigMap dashboard = defaults.one(ConfigMap.class);
        assertThat(dashboard.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
        assertThat(dashboard.getMetadata().getNamespace()).isEqualTo(Charts.NAMESPACE);
        assertThat(dashboard.getData()).containsOnlyKeys("crescendo.json");
        String json = dashboard.getData().get("crescendo.json");
        JsonNode parsed = Charts.JSON.readTree(json);
        assertThat(parsed.get("panels").isArray()).isTrue();
        assertThat(parsed).isEqualTo(Charts.JSON.readTree(Files.readString(Charts.CHART.resolve("dashboards/crescendo.json"))));

        assertThat(Charts.render(Map.of("grafanaDashboard.enabled", false)).all(ConfigMap.class)).isEmpty();
        ConfigMap relabelled = Charts.render(Map.of("grafanaDashboard.labels.grafana_dashboard", "crescendo",
                "grafanaDashboard.namespace", "monitoring")).one(ConfigMap.class);
        assertThat(relabelled.getMetadata().getLabels()).containsEntry("grafana_dashboard", "crescendo");
        assertThat(relabelled.getMetadata().getNamespace()).isEqualTo("monitoring");
    }

    // ---- Everything -------------------------------------------------------------------------------

    @Test
    void everyNamespacedObjectSaysItsNamespace() {
        for (Rendered rendered : List.of(defaults, custom)) {
            assertThat(rendered.objects()).filteredOn(o -> !(o instanceof ClusterRole) && !(o instanceof ClusterRoleBinding))
                    .allSatisfy(o -> assertThat(o.getMetadata().getNamespace()).as("%s %s", o.getKind(), o.getMetadata().getName())
                            .isNotBlank());
        }
        assertThat(defaults.objects()).extracting(HasMetadata::getKind).containsExactlyInAnyOrder(
                "ServiceAccount", "ConfigMap", "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding", "Service", "Deployment");
    }

    @Test
    void valuesOutsideTheSchemaAreRejected() {
        assertThatThrownBy(() -> Charts.template(List.of(Charts.resource("values-invalid.yaml"))))
                .hasMessageContaining("logLevel")
                .hasMessageContaining("watchNamespace");
    }

    // ---- helpers ----------------------------------------------------------------------------------

    /** Env as name -> value, or "fieldRef:PATH" for the downward API, in order. */
    static Map<String, String> env(Container container) {
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvVar e : container.getEnv()) {
            env.put(e.getName(), e.getValueFrom() != null ? "fieldRef:" + e.getValueFrom().getFieldRef().getFieldPath()
                    : Objects.requireNonNullElse(e.getValue(), ""));
        }
        return env;
    }

    static Map<String, String> ordered(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    static JsonNode spec(HasMetadata resource) {
        assertThat(resource).isInstanceOf(GenericKubernetesResource.class);
        return Charts.JSON.valueToTree(((GenericKubernetesResource) resource).getAdditionalProperties().get("spec"));
    }
}
