package dev.fidelius.e2e.support;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.Release;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The fidelius-operator chart through helm-java, which embeds Helm's own Go library: lint, template
 * and install behave as the helm CLI does, with no helm binary. Values go through a values file, so
 * types and nesting are exactly what a user's values.yaml would give.
 */
public final class Chart {

  public static final String NAME = "fidelius-operator";

  private final Path dir;

  public Chart(Path dir) {
    this.dir = dir;
  }

  public static Chart local() {
    return new Chart(ProjectPaths.chart());
  }

  public Path dir() {
    return dir;
  }

  public LintResult lintStrict() {
    return new Helm(dir).lint().strict().call();
  }

  public Rendered template(String release, String namespace, Map<String, ?> values) {
    return template(release, namespace, values, null);
  }

  /**
   * @param kubeVersion the cluster version templates see (Helm's default without a cluster is 1.20)
   */
  public Rendered template(
      String release, String namespace, Map<String, ?> values, String kubeVersion) {
    Path file = valuesFile(values);
    try {
      var template =
          new Helm(dir).template().withName(release).withNamespace(namespace).withValuesFile(file);
      if (kubeVersion != null) {
        template.withKubeVersion(kubeVersion);
      }
      return Rendered.parse(template.call());
    } finally {
      delete(file);
    }
  }

  /** Renders with a values file of the user's, such as the quickstart's. */
  public Rendered template(String release, String namespace, Path valuesFile) {
    return Rendered.parse(
        new Helm(dir)
            .template()
            .withName(release)
            .withNamespace(namespace)
            .withValuesFile(valuesFile)
            .call());
  }

  public Release install(
      String release, String namespace, Map<String, ?> values, String kubeconfigYaml) {
    Path file = valuesFile(values);
    try {
      return new Helm(dir)
          .install()
          .withName(release)
          .withNamespace(namespace)
          .createNamespace()
          .withValuesFile(file)
          .withKubeConfigContents(kubeconfigYaml)
          .call();
    } finally {
      delete(file);
    }
  }

  public Release upgrade(
      String release, String namespace, Map<String, ?> values, String kubeconfigYaml) {
    Path file = valuesFile(values);
    try {
      return new Helm(dir)
          .upgrade()
          .withName(release)
          .withNamespace(namespace)
          .withValuesFile(file)
          .withKubeConfigContents(kubeconfigYaml)
          .call();
    } finally {
      delete(file);
    }
  }

  public static String uninstall(String release, String namespace, String kubeconfigYaml) {
    return Helm.uninstall(release)
        .withNamespace(namespace)
        .withKubeConfigContents(kubeconfigYaml)
        .call();
  }

  private static Path valuesFile(Map<String, ?> values) {
    try {
      Path file = Files.createTempFile("fidelius-values-", ".yaml");
      Files.writeString(file, Serialization.asYaml(values));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // a temp file; nothing to recover
    }
  }
}
