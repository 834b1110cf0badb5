package dev.fidelius.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.e2e.support.Chart;
import dev.fidelius.e2e.support.ProjectPaths;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * No Docker engine runs here, so the Dockerfile is checked for what the chart relies on: a JRE
 * base, the jar where the chart's command expects it, and the non-root uid the chart's security
 * context names.
 */
class DockerfileTest {

  @Test
  void theImageIsWhatTheChartRuns() throws IOException {
    String dockerfile = Files.readString(ProjectPaths.root().resolve("Dockerfile"));
    PodSpec pod =
        Chart.local()
            .template("fidelius-operator", "fidelius-system", Map.of())
            .deployment()
            .getSpec()
            .getTemplate()
            .getSpec();
    Container container = pod.getContainers().get(0);

    assertThat(group(dockerfile, "(?m)^ARG JRE_IMAGE=(\\S+)$"))
        .as("a JRE, not a JDK")
        .contains("jre");
    assertThat(dockerfile).containsPattern("(?m)^FROM \\$\\{JRE_IMAGE}$");

    String jar = container.getArgs().get(container.getArgs().size() - 1);
    assertThat(group(dockerfile, "(?m)^COPY operator/target/fidelius-operator\\.jar (\\S+)$"))
        .isEqualTo(jar);
    assertThat(dockerfile).contains("\"-jar\", \"" + jar + "\"]");

    String user = group(dockerfile, "(?m)^USER (\\S+)$");
    long uid = pod.getSecurityContext().getRunAsUser();
    long gid = pod.getSecurityContext().getRunAsGroup();
    assertThat(user).as("numeric, so runAsNonRoot can check it").isEqualTo(uid + ":" + gid);
    assertThat(uid).isPositive();
    assertThat(dockerfile).contains("--uid " + uid).contains("--gid " + gid);

    List<String> dockerignore = Files.readAllLines(ProjectPaths.root().resolve(".dockerignore"));
    assertThat(dockerignore).contains("*", "!operator/target/fidelius-operator.jar");
  }

  private static String group(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    assertThat(m.find()).as("Dockerfile matches %s", regex).isTrue();
    return m.group(1);
  }
}
