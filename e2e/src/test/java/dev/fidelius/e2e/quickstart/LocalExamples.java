package dev.fidelius.e2e.quickstart;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The examples as they are, adapted to run against local emulators: every store gets {@code
 * spec.endpoints} pointing at the emulator, and every FideliusSecret a short refresh interval so
 * that a rotation shows in seconds. Nothing else changes: the same stores, identities, access rules
 * and FideliusSecrets.
 */
public final class LocalExamples {

  private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");

  private LocalExamples() {}

  /** The example manifests (examples/*.yaml), in file order. */
  public static List<Path> files(Path examplesDir) {
    try (Stream<Path> files = Files.list(examplesDir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every document of every example, parsed. */
  public static List<GenericKubernetesResource> load(Path examplesDir) {
    List<GenericKubernetesResource> all = new ArrayList<>();
    for (Path file : files(examplesDir)) {
      all.addAll(documents(file));
    }
    return all;
  }

  public static List<GenericKubernetesResource> documents(Path file) {
    try {
      List<GenericKubernetesResource> docs = new ArrayList<>();
      for (String doc : DOCUMENT_SEPARATOR.split(Files.readString(file))) {
        if (doc.lines().allMatch(l -> l.isBlank() || l.stripLeading().startsWith("#"))) {
          continue;
        }
        docs.add(Serialization.unmarshal(doc, GenericKubernetesResource.class));
      }
      return docs;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes each example, adapted, to {@code out} under its own file name. */
  public static void write(Path examplesDir, URI endpoint, String refreshInterval, Path out) {
    try {
      Files.createDirectories(out);
      for (Path file : files(examplesDir)) {
        StringBuilder text =
            new StringBuilder(
                "# "
                    + examplesDir.getFileName()
                    + "/"
                    + file.getFileName()
                    + ", adapted for the local quickstart: stores use the AWS emulator at "
                    + endpoint
                    + ",\n# FideliusSecrets refresh every "
                    + refreshInterval
                    + ". Everything else is as in the example.\n");
        for (GenericKubernetesResource resource : documents(file)) {
          adapt(resource, endpoint, refreshInterval);
          String yaml = Serialization.asYaml(resource);
          text.append(yaml.startsWith("---") ? yaml : "---\n" + yaml);
        }
        Files.writeString(out.resolve(file.getFileName()), text);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  static void adapt(GenericKubernetesResource resource, URI endpoint, String refreshInterval) {
    Map<String, Object> spec = (Map<String, Object>) resource.getAdditionalProperties().get("spec");
    switch (resource.getKind()) {
      case "ClusterFideliusStore", "FideliusStore" -> {
        Map<String, Object> endpoints = new LinkedHashMap<>();
        for (String service : List.of("dynamodb", "kms", "secretsManager", "sts", "ssm", "s3")) {
          endpoints.put(service, endpoint.toString());
        }
        spec.put("endpoints", endpoints);
      }
      case "FideliusSecret" -> spec.put("refreshInterval", refreshInterval);
      default -> {
        // namespaces, ServiceAccounts, workloads: as they are
      }
    }
  }
}
