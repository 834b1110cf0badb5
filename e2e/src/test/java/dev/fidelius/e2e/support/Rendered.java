package dev.fidelius.e2e.support;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** The manifests a chart rendered: the text, and each document parsed into a fabric8 object. */
public record Rendered(String yaml, List<HasMetadata> resources) {

  private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");

  /**
   * What the quickstart and the RBAC tests apply: the CRDs, and who the operator is and what it may
   * do.
   */
  public static final Set<String> ACCESS_KINDS =
      Set.of("ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding");

  public static Rendered parse(String yaml) {
    List<HasMetadata> resources = new ArrayList<>();
    for (String document : DOCUMENT_SEPARATOR.split(yaml)) {
      if (document
          .lines()
          .allMatch(line -> line.isBlank() || line.stripLeading().startsWith("#"))) {
        continue;
      }
      resources.add(Serialization.unmarshal(document, HasMetadata.class));
    }
    return new Rendered(yaml, List.copyOf(resources));
  }

  public List<HasMetadata> ofKind(String kind) {
    return resources.stream().filter(r -> kind.equals(r.getKind())).toList();
  }

  public List<HasMetadata> ofKinds(Set<String> kinds) {
    return resources.stream().filter(r -> kinds.contains(r.getKind())).toList();
  }

  public <T extends HasMetadata> List<T> all(Class<T> type) {
    return resources.stream().filter(type::isInstance).map(type::cast).toList();
  }

  public <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
    return all(type).stream().filter(r -> name.equals(r.getMetadata().getName())).findFirst();
  }

  public <T extends HasMetadata> T get(Class<T> type, String name) {
    return find(type, name)
        .orElseThrow(
            () ->
                new AssertionError(
                    "no " + type.getSimpleName() + " " + name + " rendered; rendered: " + names()));
  }

  public Deployment deployment() {
    List<Deployment> deployments = all(Deployment.class);
    if (deployments.size() != 1) {
      throw new AssertionError("expected one Deployment, rendered " + deployments.size());
    }
    return deployments.get(0);
  }

  /** The operator container's environment, which the chart renders as literal values only. */
  public Map<String, String> operatorEnv() {
    Map<String, String> env = new LinkedHashMap<>();
    for (EnvVar var :
        deployment().getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()) {
      if (var.getValueFrom() != null) {
        throw new IllegalStateException(
            "env "
                + var.getName()
                + " comes from "
                + var.getValueFrom()
                + ", which only a pod can resolve");
      }
      env.put(var.getName(), var.getValue() == null ? "" : var.getValue());
    }
    return env;
  }

  /** {@code Kind/name} of everything rendered. */
  public List<String> names() {
    return resources.stream().map(r -> r.getKind() + "/" + r.getMetadata().getName()).toList();
  }

  /** The chosen documents as one multi-document YAML, for kubectl apply. */
  public static String toYaml(List<HasMetadata> resources) {
    StringBuilder out = new StringBuilder();
    for (HasMetadata r : resources) {
      String doc = Serialization.asYaml(r);
      out.append(doc.startsWith("---") ? doc : "---\n" + doc);
      if (!doc.endsWith("\n")) {
        out.append('\n');
      }
    }
    return out.toString();
  }
}
