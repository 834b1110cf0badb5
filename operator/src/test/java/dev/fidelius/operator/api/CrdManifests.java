package dev.fidelius.operator.api;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CRD manifests users apply ({@code crds/*.yaml}), derived from what fabric8's CRD generator
 * writes for the API classes (target/classes/META-INF/fabric8) with two finishing touches the
 * generator does not do: printer columns in the order the classes declare them (READY first, AGE
 * last), and a description of each kind for {@code kubectl explain}.
 */
public final class CrdManifests {

  public static final List<Class<? extends CustomResource<?, ?>>> KINDS =
      List.of(FideliusSecret.class, FideliusStore.class, ClusterFideliusStore.class);

  private static final ObjectMapper YAML =
      new ObjectMapper(
          new YAMLFactory()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
              .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR));

  private CrdManifests() {}

  /** The project root, from the system property the build sets or the working directory. */
  public static Path projectRoot() {
    String configured = System.getProperty("fidelius.project.root");
    Path start = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath();
    for (Path p = start.toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("crds")) && Files.exists(p.resolve("operator/pom.xml"))) {
        return p;
      }
    }
    throw new IllegalStateException(
        "cannot find the project root (with crds/ and operator/) above " + start);
  }

  public static String fileName(Class<? extends CustomResource<?, ?>> kind) {
    return CustomResource.getCRDName(kind) + ".yaml";
  }

  /** The checked-in manifest of a kind. */
  public static Path checkedIn(Class<? extends CustomResource<?, ?>> kind) {
    return projectRoot().resolve("crds").resolve(fileName(kind));
  }

  /** The manifest as the current classes produce it. */
  public static String expected(Class<? extends CustomResource<?, ?>> kind) {
    Path generated =
        projectRoot()
            .resolve("operator/target/classes/META-INF/fabric8")
            .resolve(CustomResource.getCRDName(kind) + "-v1.yml");
    try {
      Map<String, Object> crd =
          YAML.readValue(Files.readString(generated), new TypeReference<>() {});
      finish(crd, kind);
      return "# Generated from the Java API classes (dev.fidelius.operator.api); do not edit.\n"
          + "# Regenerate: mvn -pl operator test -Dtest=CrdDriftTest -Dfidelius.crds.update=true\n"
          + YAML.writeValueAsString(crd);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read " + generated + " (run mvn -pl operator process-classes)", e);
    }
  }

  /** Every checked-in CRD, parsed, for tests that install them into an API server. */
  public static List<CustomResourceDefinition> load() {
    List<CustomResourceDefinition> crds = new ArrayList<>();
    for (var kind : KINDS) {
      try {
        crds.add(
            Serialization.unmarshal(
                Files.readString(checkedIn(kind)), CustomResourceDefinition.class));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return crds;
  }

  @SuppressWarnings("unchecked")
  private static void finish(Map<String, Object> crd, Class<?> kind) {
    Map<String, Object> spec = (Map<String, Object>) crd.get("spec");
    for (Object v : (List<Object>) spec.get("versions")) {
      Map<String, Object> version = (Map<String, Object>) v;
      List<Map<String, Object>> columns =
          (List<Map<String, Object>>) version.get("additionalPrinterColumns");
      if (columns != null) {
        List<String> declared =
            Arrays.stream(kind.getAnnotationsByType(AdditionalPrinterColumn.class))
                .map(AdditionalPrinterColumn::name)
                .toList();
        columns.sort(
            (a, b) ->
                Integer.compare(
                    declared.indexOf((String) a.get("name")),
                    declared.indexOf((String) b.get("name"))));
      }
      Map<String, Object> schema =
          (Map<String, Object>)
              ((Map<String, Object>) version.get("schema")).get("openAPIV3Schema");
      JsonClassDescription description = kind.getAnnotation(JsonClassDescription.class);
      Map<String, Object> withDescription = new LinkedHashMap<>();
      if (description != null) {
        withDescription.put("description", description.value());
      }
      withDescription.putAll(schema);
      schema.clear();
      schema.putAll(withDescription);
    }
  }
}
