package dev.fidelius.e2e.support;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the chart, examples, scripts and the packaged jar are, from the build's system properties
 * or the tree.
 */
public final class ProjectPaths {

  private ProjectPaths() {}

  /**
   * The repository root: {@code fidelius.project.root}, else the first directory upwards with
   * charts/ and operator/.
   */
  public static Path root() {
    String configured = System.getProperty("fidelius.project.root");
    Path start = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath();
    for (Path p = start.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("charts")) && Files.exists(p.resolve("operator/pom.xml"))) {
        return p;
      }
    }
    throw new IllegalStateException(
        "cannot find the project root (with charts/ and operator/) above " + start);
  }

  public static Path chart() {
    return root().resolve("charts/fidelius-operator");
  }

  public static Path crds() {
    return root().resolve("crds");
  }

  public static Path examples() {
    return root().resolve("examples");
  }

  /**
   * The shaded operator jar: {@code fidelius.operator.jar}, else
   * operator/target/fidelius-operator.jar.
   */
  public static Path operatorJar() {
    String configured = System.getProperty("fidelius.operator.jar");
    Path jar =
        configured != null
            ? Path.of(configured)
            : root().resolve("operator/target/fidelius-operator.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          jar + " is missing: build it with mvn -B -pl operator package -DskipTests");
    }
    return jar.toAbsolutePath().normalize();
  }
}
