package dev.fidelius.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.fidelius.e2e.support.ProjectPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README documents every chart value, and its first command is the quickstart. */
class ReadmeTest {

  @Test
  void everyChartValueIsInTheHelmValuesTable() throws IOException {
    String readme = Files.readString(ProjectPaths.root().resolve("README.md"));
    String table =
        readme.substring(
            readme.indexOf("### Helm values"), readme.indexOf("## Metrics and health"));
    Map<String, Object> values =
        new ObjectMapper(new YAMLFactory())
            .readValue(
                ProjectPaths.chart().resolve("values.yaml").toFile(), new TypeReference<>() {});
    List<String> leaves = new ArrayList<>();
    leaves("", values, leaves);
    assertThat(leaves).hasSizeGreaterThan(40);
    List<String> undocumented = leaves.stream().filter(leaf -> !documented(table, leaf)).toList();
    assertThat(undocumented).as("values missing from the README's Helm values table").isEmpty();
  }

  @Test
  void theFirstCommandIsTheQuickstart() throws IOException {
    String readme = Files.readString(ProjectPaths.root().resolve("README.md"));
    Matcher firstBlock = Pattern.compile("```bash\\n(.*?)```", Pattern.DOTALL).matcher(readme);
    assertThat(firstBlock.find()).isTrue();
    assertThat(firstBlock.group(1).strip()).isEqualTo("scripts/quickstart.sh");
    assertThat(readme.indexOf("## Quickstart"))
        .isLessThan(readme.indexOf("## Install on EKS with Helm (IRSA)"));
  }

  /**
   * A leaf is documented by its own row or a row of an ancestor ({@code `a.b`} or {@code `a.b.*`}).
   */
  private static boolean documented(String table, String leaf) {
    for (String path = leaf;
        !path.isEmpty();
        path = path.contains(".") ? path.substring(0, path.lastIndexOf('.')) : "") {
      if (table.contains("`" + path + "`") || table.contains("`" + path + ".*`")) {
        return true;
      }
    }
    return false;
  }

  @SuppressWarnings("unchecked")
  private static void leaves(String prefix, Map<String, Object> map, List<String> out) {
    map.forEach(
        (key, value) -> {
          String path = prefix.isEmpty() ? key : prefix + "." + key;
          if (value instanceof Map<?, ?> nested && !nested.isEmpty()) {
            leaves(path, (Map<String, Object>) nested, out);
          } else {
            out.add(path);
          }
        });
  }
}
