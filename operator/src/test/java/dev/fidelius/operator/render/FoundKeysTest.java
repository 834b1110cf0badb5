package dev.fidelius.operator.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FoundKeysTest {

  @Test
  void everySlashOfANestedNameBecomesAnUnderscoreAfterThePrefix() {
    assertThat(FoundKeys.keyFor("", "tree/leaf")).isEqualTo("tree_leaf");
    assertThat(FoundKeys.keyFor("app_", "a/b/c")).isEqualTo("app_a_b_c");
    assertThat(SecretKeys.problem(FoundKeys.keyFor("", "tree/branch/leaf"))).isEmpty();
  }

  @Test
  void aFlatNameKeepsItsDotsAndIsUnchanged() {
    assertThat(FoundKeys.keyFor("", "db.password")).isEqualTo("db.password");
    assertThat(FoundKeys.keyFor(null, "token")).isEqualTo("token");
  }

  @Test
  void aConflictMessageNamesTheNamesAndTheKeyAndBoundsTheList() {
    String message =
        FoundKeys.conflict("a_b", List.of("a_b", "a/b", "z/z", "y/y\n", "x"), "SHOP/dev");

    assertThat(message)
        .contains("\"a/b\", \"a_b\", \"x\" and 2 more")
        .contains("SHOP/dev")
        .contains("key \"a_b\"")
        .contains("nameRegex")
        .doesNotContain("\n");
  }
}
