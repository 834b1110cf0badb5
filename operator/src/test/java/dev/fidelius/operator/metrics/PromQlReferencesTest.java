package dev.fidelius.operator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlReferencesTest {

  @Test
  void findsMetricsAndLabelsButNotFunctionsKeywordsStringsOrDurations() {
    PromQlReferences refs =
        PromQlReferences.of(
            "histogram_quantile(0.99, sum by (le, store) (rate(a_seconds_bucket{result=~\"x|y\"}[5m])))"
                + " > 0 and on (store) max(b_total) == 0 unless c");
    assertThat(refs.metrics()).containsExactly("a_seconds_bucket", "b_total", "c");
    assertThat(refs.labels()).containsExactlyInAnyOrder("result", "le", "store");
  }
}
