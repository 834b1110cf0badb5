package dev.fidelius.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.e2e.support.Chart;
import dev.fidelius.e2e.support.ProjectPaths;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The chart installs the CRDs generated into crds/ (CrdDriftTest keeps those equal to the Java
 * classes): its copies must be the same files, and what it renders from them the same CRDs. Refresh
 * with scripts/update-crds.sh.
 */
class ChartCrdsTest {

  private static final String REFRESH =
      "the chart's CRDs drifted from crds/: run scripts/update-crds.sh";

  @Test
  void theChartCarriesExactCopiesOfCrds() throws IOException {
    Path chartCrds = ProjectPaths.chart().resolve("files/crds");
    assertThat(names(chartCrds)).as(REFRESH).isEqualTo(names(ProjectPaths.crds()));
    for (String name : names(ProjectPaths.crds())) {
      assertThat(Files.readString(chartCrds.resolve(name)))
          .as(REFRESH + " (%s)", name)
          .isEqualTo(Files.readString(ProjectPaths.crds().resolve(name)));
    }
  }

  @Test
  void theRenderedCrdsAreTheGeneratedOnesWithTheChartsMetadata() throws IOException {
    List<CustomResourceDefinition> rendered =
        Chart.local()
            .template("fidelius-operator", "fidelius-system", Map.of())
            .all(CustomResourceDefinition.class);
    assertThat(rendered).hasSize(names(ProjectPaths.crds()).size());
    for (CustomResourceDefinition crd : rendered) {
      CustomResourceDefinition generated =
          Serialization.unmarshal(
              Files.readString(ProjectPaths.crds().resolve(crd.getMetadata().getName() + ".yaml")),
              CustomResourceDefinition.class);
      assertThat(crd.getSpec()).as(crd.getMetadata().getName()).isEqualTo(generated.getSpec());
      assertThat(crd.getMetadata().getLabels())
          .containsEntry("app.kubernetes.io/managed-by", "Helm");
    }
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".yaml"))
          .sorted()
          .toList();
    }
  }
}
