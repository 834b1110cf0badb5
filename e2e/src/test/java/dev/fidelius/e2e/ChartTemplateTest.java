package dev.fidelius.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.marcnuri.helm.LintResult;
import dev.fidelius.e2e.support.Chart;
import dev.fidelius.e2e.support.ChartJvmFlags;
import dev.fidelius.e2e.support.Rendered;
import dev.fidelius.operator.config.OperatorConfig;
import dev.fidelius.operator.config.SyncTimeouts;
import dev.fidelius.operator.config.TenantPolicy;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The chart through Helm's own engine (helm-java): lint, and what it renders for default and other
 * values.
 */
class ChartTemplateTest {

  private static final String RELEASE = "fidelius-operator";
  private static final String NS = "fidelius-system";
  private static final Chart CHART = Chart.local();

  private static Rendered render(Map<String, ?> values) {
    return CHART.template(RELEASE, NS, values);
  }

  @Test
  void lintStrictPasses() {
    LintResult lint = CHART.lintStrict();
    assertThat(lint.isFailed()).as("helm lint --strict: %s", lint.getMessages()).isFalse();
    assertThat(lint.getMessages()).allMatch(m -> m.startsWith("[INFO]"), "only INFO messages");
  }

  @Test
  void defaultsInstallCrdsClusterWideRbacAndASecureSingleOperator() {
    Rendered r = render(Map.of());

    assertThat(r.names())
        .containsExactlyInAnyOrder(
            "ServiceAccount/fidelius-operator",
            "CustomResourceDefinition/clusterfideliusstores.fidelius.dev",
            "CustomResourceDefinition/fideliussecrets.fidelius.dev",
            "CustomResourceDefinition/fideliusstores.fidelius.dev",
            "ClusterRole/fidelius-operator",
            "ClusterRoleBinding/fidelius-operator",
            "Service/fidelius-operator-metrics",
            "Deployment/fidelius-operator");
    assertThat(r.all(CustomResourceDefinition.class))
        .allSatisfy(
            crd ->
                assertThat(crd.getMetadata().getAnnotations())
                    .containsEntry("helm.sh/resource-policy", "keep"));

    Deployment deployment = r.deployment();
    assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
    assertThat(deployment.getSpec().getStrategy().getType())
        .as("never two active operators")
        .isEqualTo("Recreate");
    PodSpec pod = deployment.getSpec().getTemplate().getSpec();
    assertThat(pod.getServiceAccountName()).isEqualTo("fidelius-operator");
    assertThat(pod.getEnableServiceLinks()).isFalse();
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(65532L);
    assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");

    Container c = pod.getContainers().get(0);
    assertThat(c.getImage()).isEqualTo("ghcr.io/fidelius-dev/fidelius-operator:0.1.0");
    assertThat(c.getCommand()).containsExactly("java");
    List<String> args = new ArrayList<>(ChartJvmFlags.FLAGS);
    args.addAll(List.of("-jar", "/opt/fidelius-operator/fidelius-operator.jar"));
    assertThat(c.getArgs()).containsExactlyElementsOf(args);
    assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(c.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    assertThat(c.getVolumeMounts()).anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/tmp"));
    assertThat(c.getResources().getRequests()).containsKeys("cpu", "memory");
    assertThat(c.getResources().getLimits()).containsKey("memory").doesNotContainKey("cpu");
    assertThat(c.getStartupProbe().getHttpGet().getPath()).isEqualTo("/healthz");
    assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
    assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
    assertThat(c.getPorts())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.getName()).isEqualTo("http-metrics");
              assertThat(p.getContainerPort()).isEqualTo(8080);
            });

    assertThat(r.operatorEnv())
        .containsExactly(
            Map.entry("FIDELIUS_WATCH_CLUSTER_RESOURCES", "true"),
            Map.entry("FIDELIUS_CONCURRENT_RECONCILES", "10"),
            Map.entry("FIDELIUS_DEFAULT_REFRESH_INTERVAL", "1h"),
            Map.entry("FIDELIUS_MIN_REFRESH_INTERVAL", "10s"),
            Map.entry("FIDELIUS_SAFETY_INTERVAL", "10m"),
            Map.entry("FIDELIUS_SYNC_TIMEOUT", "60s"),
            Map.entry("FIDELIUS_LIVENESS_STALL_TIMEOUT", "5m"),
            Map.entry("FIDELIUS_HTTP_PORT", "8080"),
            Map.entry("FIDELIUS_LEADER_ELECTION", "false"),
            Map.entry("FIDELIUS_ALLOW_NAMESPACED_STORE_OPERATOR_IDENTITY", "false"),
            Map.entry("FIDELIUS_ALLOW_NAMESPACED_STORE_ENDPOINTS", "false"),
            Map.entry("FIDELIUS_MERGE_REQUIRES_OPT_IN", "true"),
            Map.entry("FIDELIUS_ALLOWED_TOKEN_AUDIENCES", "sts.amazonaws.com"),
            Map.entry("FIDELIUS_CREDENTIALS_CACHE_MAX_IDENTITIES", "1000"),
            Map.entry("FIDELIUS_CREDENTIALS_IDLE_EXPIRY", "2h"),
            Map.entry("FIDELIUS_VALUE_CACHE_MB", "64"),
            Map.entry("FIDELIUS_LOG_LEVEL", "INFO"),
            Map.entry("FIDELIUS_LOG_FORMAT", "json"));
    assertThat(r.ofKind("Role")).as("no Lease permissions without leader election").isEmpty();

    Service metrics = r.get(Service.class, "fidelius-operator-metrics");
    assertThat(metrics.getSpec().getSelector())
        .isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
    assertThat(metrics.getSpec().getPorts())
        .singleElement()
        .satisfies(p -> assertThat(p.getTargetPort().getStrVal()).isEqualTo("http-metrics"));
  }

  @Test
  void clusterRoleGrantsExactlyWhatTheOperatorDoes() {
    ClusterRole role = render(Map.of()).get(ClusterRole.class, "fidelius-operator");
    assertThat(rules(role.getRules()))
        .containsExactlyInAnyOrder(
            "fidelius.dev/fideliussecrets: get,list,watch",
            "fidelius.dev/fideliusstores: get,list,watch",
            "fidelius.dev/clusterfideliusstores: get,list,watch",
            "fidelius.dev/fideliussecrets/status: patch",
            "fidelius.dev/fideliusstores/status: patch",
            "fidelius.dev/clusterfideliusstores/status: patch",
            "/secrets: create,delete,get,list,patch,watch",
            "/events: create",
            "/namespaces: get,list,watch",
            "/serviceaccounts: get",
            "/serviceaccounts/token: create",
            "apps/deployments: get,patch",
            "apps/statefulsets: get,patch",
            "apps/daemonsets: get,patch",
            "argoproj.io/rollouts: get,patch");
    assertThat(role.getRules()).noneSatisfy(rule -> assertThat(rule.getVerbs()).contains("*"));
    assertThat(role.getRules()).noneSatisfy(rule -> assertThat(rule.getResources()).contains("*"));
  }

  @Test
  void optionalPermissionsCanBeLeftOut() {
    ClusterRole role =
        render(
                Map.of(
                    "rbac",
                    Map.of("rolloutRestart", false, "serviceAccountTokens", false),
                    "processClusterStore",
                    false))
            .get(ClusterRole.class, "fidelius-operator");
    Set<String> resources =
        role.getRules().stream()
            .flatMap(r -> r.getResources().stream())
            .collect(Collectors.toSet());
    assertThat(resources)
        .doesNotContain(
            "deployments",
            "statefulsets",
            "daemonsets",
            "rollouts",
            "serviceaccounts",
            "serviceaccounts/token",
            "clusterfideliusstores",
            "clusterfideliusstores/status",
            "namespaces");
    assertThat(resources).contains("fideliussecrets", "secrets", "events");

    assertThat(
            render(Map.of("rbac", Map.of("create", false)))
                .ofKinds(Set.of("ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding")))
        .isEmpty();
  }

  @Test
  void moreThanOneReplicaElectsALeaderOnItsOwnLease() {
    Rendered r = render(Map.of("replicaCount", 2));
    assertThat(r.operatorEnv())
        .containsEntry("FIDELIUS_LEADER_ELECTION", "true")
        .containsEntry("FIDELIUS_LEADER_ELECTION_NAMESPACE", NS)
        .containsEntry("FIDELIUS_LEADER_ELECTION_LEASE_NAME", "fidelius-operator-leader");
    assertThat(r.deployment().getSpec().getStrategy().getType()).isEqualTo("RollingUpdate");

    Role lease = r.get(Role.class, "fidelius-operator-leader-election");
    assertThat(lease.getMetadata().getNamespace()).isEqualTo(NS);
    assertThat(rules(lease.getRules()))
        .containsExactlyInAnyOrder(
            "coordination.k8s.io/leases: create",
            "coordination.k8s.io/leases[fidelius-operator-leader]: get,patch,update");
    RoleBinding binding = r.get(RoleBinding.class, "fidelius-operator-leader-election");
    assertThat(binding.getSubjects())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.getName()).isEqualTo("fidelius-operator");
              assertThat(s.getNamespace()).isEqualTo(NS);
            });

    assertThat(render(Map.of("leaderElect", true)).operatorEnv())
        .containsEntry("FIDELIUS_LEADER_ELECTION", "true");
  }

  @Test
  void scopedRbacGrantsOnlyInTheScopedNamespaceAndWatchesNothingClusterWide() {
    Rendered r = render(Map.of("scopedNamespace", "team-a", "scopedRBAC", true));
    assertThat(r.ofKinds(Set.of("ClusterRole", "ClusterRoleBinding"))).isEmpty();
    Role role = r.get(Role.class, "fidelius-operator");
    assertThat(role.getMetadata().getNamespace()).isEqualTo("team-a");
    Set<String> resources =
        role.getRules().stream()
            .flatMap(rule -> rule.getResources().stream())
            .collect(Collectors.toSet());
    assertThat(resources)
        .doesNotContain("clusterfideliusstores", "clusterfideliusstores/status", "namespaces")
        .contains("fideliussecrets", "fideliusstores", "secrets", "events");
    RoleBinding binding = r.get(RoleBinding.class, "fidelius-operator");
    assertThat(binding.getMetadata().getNamespace()).isEqualTo("team-a");
    assertThat(binding.getSubjects())
        .singleElement()
        .satisfies(
            s ->
                assertThat(s.getNamespace())
                    .as("the ServiceAccount lives in the release namespace")
                    .isEqualTo(NS));
    assertThat(r.operatorEnv())
        .containsEntry("FIDELIUS_WATCH_NAMESPACES", "team-a")
        .containsEntry("FIDELIUS_WATCH_CLUSTER_RESOURCES", "false");

    Rendered namespaceOnly = render(Map.of("scopedNamespace", "team-a"));
    assertThat(namespaceOnly.ofKind("ClusterRole")).hasSize(1);
    assertThat(namespaceOnly.operatorEnv())
        .containsEntry("FIDELIUS_WATCH_NAMESPACES", "team-a")
        .containsEntry("FIDELIUS_WATCH_CLUSTER_RESOURCES", "true");
  }

  @Test
  void irsaServiceAccountAndAnExistingOne() {
    Rendered irsa =
        render(
            Map.of(
                "serviceAccount",
                Map.of(
                    "annotations",
                    Map.of(
                        "eks.amazonaws.com/role-arn",
                        "arn:aws:iam::111122223333:role/fidelius-operator"))));
    assertThat(irsa.get(ServiceAccount.class, "fidelius-operator").getMetadata().getAnnotations())
        .containsEntry(
            "eks.amazonaws.com/role-arn", "arn:aws:iam::111122223333:role/fidelius-operator");

    Rendered existing =
        render(Map.of("serviceAccount", Map.of("create", false, "name", "platform-secrets")));
    assertThat(existing.ofKind("ServiceAccount")).isEmpty();
    assertThat(existing.deployment().getSpec().getTemplate().getSpec().getServiceAccountName())
        .isEqualTo("platform-secrets");
    assertThat(existing.get(ClusterRoleBinding.class, "fidelius-operator").getSubjects())
        .singleElement()
        .satisfies(s -> assertThat(s.getName()).isEqualTo("platform-secrets"));
  }

  @Test
  void crdsCanBeLeftToSomeoneElseOrNotKept() {
    assertThat(render(Map.of("installCRDs", false)).ofKind("CustomResourceDefinition")).isEmpty();
    assertThat(
            render(Map.of("crds", Map.of("keep", false, "annotations", Map.of("team", "platform"))))
                .all(CustomResourceDefinition.class))
        .hasSize(3)
        .allSatisfy(
            crd ->
                assertThat(crd.getMetadata().getAnnotations())
                    .containsExactly(Map.entry("team", "platform")));
  }

  @Test
  void everyValueReachesTheDeployment() {
    Map<String, Object> values =
        Map.ofEntries(
            Map.entry(
                "image",
                Map.of(
                    "repository",
                    "registry.example.com/fidelius",
                    "digest",
                    "sha256:" + "a".repeat(64),
                    "pullPolicy",
                    "Always")),
            Map.entry("imagePullSecrets", List.of(Map.of("name", "regcred"))),
            Map.entry("concurrent", 4),
            Map.entry("labelSelector", "shard=a"),
            Map.entry("defaultRefreshInterval", "30m"),
            Map.entry("minRefreshInterval", "30s"),
            Map.entry("safetyInterval", "30m"),
            Map.entry("syncTimeout", "2m"),
            Map.entry("livenessStallTimeout", "10m"),
            Map.entry("valueCacheSizeMB", 128),
            Map.entry("allowNamespacedStoreOperatorIdentity", true),
            Map.entry("allowNamespacedStoreEndpoints", true),
            Map.entry("aws", Map.of("region", "eu-west-1")),
            Map.entry("log", Map.of("level", "DEBUG", "format", "text")),
            Map.entry(
                "extraEnv", List.of(Map.of("name", "HTTPS_PROXY", "value", "http://proxy:3128"))),
            Map.entry("extraArgs", List.of("-Dhttps.proxyHost=proxy")),
            Map.entry(
                "metrics",
                Map.of(
                    "listen",
                    Map.of("port", 9090),
                    "service",
                    Map.of("enabled", true, "port", 9091))),
            Map.entry("podLabels", Map.of("team", "platform")),
            Map.entry("priorityClassName", "system-cluster-critical"),
            Map.entry("nodeSelector", Map.of("kubernetes.io/os", "linux")),
            Map.entry("tolerations", List.of(Map.of("key", "dedicated", "operator", "Exists"))),
            Map.entry("commonLabels", Map.of("cost-center", "42")));
    Rendered r = render(values);
    Deployment d = r.deployment();
    PodSpec pod = d.getSpec().getTemplate().getSpec();
    Container c = pod.getContainers().get(0);
    assertThat(c.getImage()).isEqualTo("registry.example.com/fidelius@sha256:" + "a".repeat(64));
    assertThat(c.getImagePullPolicy()).isEqualTo("Always");
    assertThat(pod.getImagePullSecrets())
        .singleElement()
        .satisfies(s -> assertThat(s.getName()).isEqualTo("regcred"));
    assertThat(c.getArgs())
        .containsSubsequence("-XX:+ExitOnOutOfMemoryError", "-Dhttps.proxyHost=proxy", "-jar");
    assertThat(c.getPorts().get(0).getContainerPort()).isEqualTo(9090);
    assertThat(r.operatorEnv())
        .containsEntry("FIDELIUS_CONCURRENT_RECONCILES", "4")
        .containsEntry("FIDELIUS_LABEL_SELECTOR", "shard=a")
        .containsEntry("FIDELIUS_DEFAULT_REFRESH_INTERVAL", "30m")
        .containsEntry("FIDELIUS_MIN_REFRESH_INTERVAL", "30s")
        .containsEntry("FIDELIUS_SAFETY_INTERVAL", "30m")
        .containsEntry("FIDELIUS_SYNC_TIMEOUT", "2m")
        .containsEntry("FIDELIUS_LIVENESS_STALL_TIMEOUT", "10m")
        .containsEntry("FIDELIUS_VALUE_CACHE_MB", "128")
        .containsEntry("FIDELIUS_ALLOW_NAMESPACED_STORE_OPERATOR_IDENTITY", "true")
        .containsEntry("FIDELIUS_ALLOW_NAMESPACED_STORE_ENDPOINTS", "true")
        .containsEntry("FIDELIUS_HTTP_PORT", "9090")
        .containsEntry("FIDELIUS_LOG_LEVEL", "DEBUG")
        .containsEntry("FIDELIUS_LOG_FORMAT", "text")
        .containsEntry("AWS_REGION", "eu-west-1")
        .containsEntry("HTTPS_PROXY", "http://proxy:3128");
    assertThat(pod.getPriorityClassName()).isEqualTo("system-cluster-critical");
    assertThat(pod.getNodeSelector()).containsEntry("kubernetes.io/os", "linux");
    assertThat(pod.getTolerations())
        .singleElement()
        .satisfies(t -> assertThat(t.getKey()).isEqualTo("dedicated"));
    assertThat(d.getSpec().getTemplate().getMetadata().getLabels())
        .containsEntry("team", "platform");
    assertThat(r.resources())
        .allSatisfy(
            res -> assertThat(res.getMetadata().getLabels()).containsEntry("cost-center", "42"));
    assertThat(
            r.get(Service.class, "fidelius-operator-metrics").getSpec().getPorts().get(0).getPort())
        .isEqualTo(9091);

    // What the chart renders is a configuration the jar accepts.
    OperatorConfig config = OperatorConfig.fromEnvironment(r.operatorEnv());
    assertThat(config.concurrentReconciles()).isEqualTo(4);
    assertThat(config.labelSelector()).isEqualTo("shard=a");
  }

  @Test
  void serviceMonitorAndPodDisruptionBudgetOnRequest() {
    Map<String, Object> values =
        Map.of(
            "serviceMonitor",
                Map.of(
                    "enabled",
                    true,
                    "additionalLabels",
                    Map.of("release", "prometheus"),
                    "interval",
                    "15s"),
            "podDisruptionBudget", Map.of("enabled", true, "maxUnavailable", 1));
    Rendered r = CHART.template(RELEASE, NS, values, "1.29.0");
    var monitor = r.ofKind("ServiceMonitor");
    assertThat(monitor)
        .singleElement()
        .satisfies(
            m -> assertThat(m.getMetadata().getLabels()).containsEntry("release", "prometheus"));
    assertThat(r.yaml()).contains("interval: 15s").contains("port: http-metrics");
    assertThat(r.ofKind("PodDisruptionBudget"))
        .singleElement()
        .satisfies(pdb -> assertThat(pdb.getApiVersion()).isEqualTo("policy/v1"));
    assertThat(r.yaml()).contains("maxUnavailable: 1").doesNotContain("minAvailable");
    assertThat(CHART.template(RELEASE, NS, values, "1.20.2").ofKind("PodDisruptionBudget"))
        .singleElement()
        .satisfies(pdb -> assertThat(pdb.getApiVersion()).isEqualTo("policy/v1beta1"));
  }

  @Test
  void dashboardsAndAlertsAreOffByDefault() {
    Rendered r = render(Map.of());
    assertThat(r.ofKind("PrometheusRule")).isEmpty();
    assertThat(r.ofKind("ConfigMap")).isEmpty();
  }

  @Test
  @SuppressWarnings("unchecked")
  void dashboardConfigMapAndPrometheusRuleOnRequest() throws Exception {
    Rendered r =
        render(
            Map.of(
                "dashboards",
                Map.of("enabled", true, "annotations", Map.of("grafana_folder", "Operators")),
                "prometheusRule",
                Map.of("enabled", true, "additionalLabels", Map.of("release", "prometheus"))));
    ConfigMap dashboard = r.all(ConfigMap.class).get(0);
    assertThat(r.all(ConfigMap.class)).hasSize(1);
    assertThat(dashboard.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
    assertThat(dashboard.getMetadata().getAnnotations())
        .containsEntry("grafana_folder", "Operators");
    Map<String, Object> json =
        new ObjectMapper().readValue(dashboard.getData().get("fidelius.json"), Map.class);
    assertThat(json).containsEntry("uid", "fidelius-operator");
    assertThat((List<?>) json.get("panels")).isNotEmpty();

    GenericKubernetesResource rule = (GenericKubernetesResource) r.ofKind("PrometheusRule").get(0);
    assertThat(r.ofKind("PrometheusRule")).hasSize(1);
    assertThat(rule.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
    assertThat(rule.getMetadata().getLabels()).containsEntry("release", "prometheus");
    Map<String, Object> spec = (Map<String, Object>) rule.getAdditionalProperties().get("spec");
    List<Map<String, Object>> groups = (List<Map<String, Object>>) spec.get("groups");
    List<Map<String, Object>> rules = (List<Map<String, Object>>) groups.get(0).get("rules");
    assertThat(rules)
        .extracting(a -> a.get("alert"))
        .contains(
            "FideliusSyncsFailing",
            "FideliusControllerStalled",
            "FideliusSecretNotReady",
            "FideliusSecretStale",
            "FideliusAwsThrottling",
            "FideliusAwsErrors");
    // Helm must hand Prometheus its own template syntax untouched.
    assertThat(r.yaml()).contains("{{ $labels.reason }}");
  }

  @Test
  void dashboardLabelIsConfigurable() {
    Rendered r =
        render(
            Map.of(
                "dashboards",
                Map.of(
                    "enabled", true, "label", "grafana_dashboard_fidelius", "labelValue", "yes")));
    assertThat(r.all(ConfigMap.class).get(0).getMetadata().getLabels())
        .containsEntry("grafana_dashboard_fidelius", "yes")
        .doesNotContainKey("grafana_dashboard");
  }

  @Test
  void theChartSetsEveryVariableTheOperatorReads() throws IllegalAccessException {
    Rendered r =
        render(
            Map.of(
                "scopedNamespace",
                "team-a",
                "labelSelector",
                "a=b",
                "leaderElect",
                true,
                "aws",
                Map.of("region", "us-east-1")));
    Set<String> operatorVariables = new TreeSet<>();
    for (Class<?> config :
        new Class<?>[] {OperatorConfig.class, TenantPolicy.class, SyncTimeouts.class}) {
      for (Field f : config.getFields()) {
        if (Modifier.isStatic(f.getModifiers())
            && f.getType() == String.class
            && ((String) f.get(null)).matches("[A-Z_]+")) { // variable names, not default values
          operatorVariables.add((String) f.get(null));
        }
      }
    }
    assertThat(new TreeSet<>(r.operatorEnv().keySet())).isEqualTo(operatorVariables);
  }

  @Test
  void invalidValuesAreRefusedWithAMessage() {
    assertThatThrownBy(() -> render(Map.of("installCRD", true))).hasMessageContaining("installCRD");
    assertThatThrownBy(() -> render(Map.of("log", Map.of("format", "xml"))))
        .hasMessageContaining("format");
    assertThatThrownBy(() -> render(Map.of("minRefreshInterval", "ten seconds")))
        .hasMessageContaining("minRefreshInterval");
    assertThatThrownBy(() -> render(Map.of("safetyInterval", "0")))
        .hasMessageContaining("safetyInterval");
    assertThatThrownBy(() -> render(Map.of("scopedRBAC", true)))
        .hasMessageContaining("scopedNamespace");
    assertThatThrownBy(
            () ->
                render(
                    Map.of(
                        "serviceMonitor",
                        Map.of("enabled", true),
                        "metrics",
                        Map.of("service", Map.of("enabled", false)))))
        .hasMessageContaining("metrics.service.enabled");
  }

  /** Rules as "group/resource[names]: verbs", one per resource, verbs sorted. */
  private static List<String> rules(List<PolicyRule> rules) {
    return rules.stream()
        .flatMap(
            rule ->
                rule.getResources().stream()
                    .map(
                        resource ->
                            rule.getApiGroups().get(0)
                                + "/"
                                + resource
                                + (rule.getResourceNames().isEmpty()
                                    ? ""
                                    : rule.getResourceNames().toString())
                                + ": "
                                + String.join(",", new TreeSet<>(rule.getVerbs()))))
        .toList();
  }
}
