package dev.fidelius.operator.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.operator.access.NameRegex;
import dev.fidelius.operator.backend.BackendError;
import dev.fidelius.operator.backend.ErrorKind;
import dev.fidelius.operator.backend.SecretId;
import dev.fidelius.operator.backend.SecretScope;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** dataFrom.find over nested names: the key mapping and its conflicts. */
class SecretCollectorFindKeysTest {

  private static final SecretScope SCOPE = SecretScope.of("SHOP", "dev");

  private final FakeBackend backend = new FakeBackend();

  @Test
  void aNestedNameLandsInAKeyWithUnderscores() {
    backend.put(new SecretId(SCOPE, "tree/leaf"), "leaf-value");
    backend.put(new SecretId(SCOPE, "flat"), "flat-value");

    CollectedData collected = collect(new SourcePlan.Find(SCOPE, null, "p_"));

    assertThat(collected.failures()).isEmpty();
    assertThat(text(collected.data()))
        .containsOnly(Map.entry("p_tree_leaf", "leaf-value"), Map.entry("p_flat", "flat-value"));
    assertThat(collected.syncedVersions()).containsEntry("tree/leaf", "1");
    assertThat(collected.sources())
        .filteredOn(s -> s.name().equals("tree/leaf"))
        .singleElement()
        .satisfies(s -> assertThat(s.keys()).containsExactly("p_tree_leaf"));
  }

  @Test
  void twoNamesOfOneFindOnOneKeyFailAsInvalidSpecAndNeitherIsWritten() {
    backend.put(new SecretId(SCOPE, "tree/leaf"), "nested-value");
    backend.put(new SecretId(SCOPE, "tree_leaf"), "flat-value");
    backend.put(new SecretId(SCOPE, "other"), "other-value");

    CollectedData collected = collect(new SourcePlan.Find(SCOPE, null, ""));

    assertThat(collected.complete()).isFalse();
    assertThat(collected.data()).doesNotContainKey("tree_leaf");
    assertThat(collected.failures())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
              assertThat(f.kind().reason()).isEqualTo("InvalidSpec");
              assertThat(f.message())
                  .contains("\"tree/leaf\"", "\"tree_leaf\"", "key \"tree_leaf\"")
                  .doesNotContain("nested-value", "flat-value");
            });
    assertThat(collected.sources())
        .filteredOn(s -> !s.ok())
        .extracting(SourceResult::name)
        .containsExactlyInAnyOrder("tree/leaf", "tree_leaf");
  }

  @Test
  void aRegexThatLeavesOneOfTheNamesOutResolvesTheConflict() {
    backend.put(new SecretId(SCOPE, "tree/leaf"), "nested-value");
    backend.put(new SecretId(SCOPE, "tree_leaf"), "flat-value");

    CollectedData collected = collect(new SourcePlan.Find(SCOPE, NameRegex.compile("/"), ""));

    assertThat(collected.failures()).extracting(BackendError::message).isEmpty();
    assertThat(text(collected.data())).containsOnly(Map.entry("tree_leaf", "nested-value"));
  }

  @Test
  void separateFindsWithDifferentPrefixesReadBothNames() {
    backend.put(new SecretId(SCOPE, "tree/leaf"), "nested-value");
    backend.put(new SecretId(SCOPE, "tree_leaf"), "flat-value");

    CollectedData collected =
        collect(
            new SourcePlan.Find(SCOPE, NameRegex.compile("/"), "nested_"),
            new SourcePlan.Find(SCOPE, NameRegex.compile("^[^/]*$"), ""));

    assertThat(collected.failures()).isEmpty();
    assertThat(text(collected.data()))
        .containsOnly(
            Map.entry("nested_tree_leaf", "nested-value"), Map.entry("tree_leaf", "flat-value"));
  }

  private CollectedData collect(SourcePlan.Find... finds) {
    SourcePlan plan = new SourcePlan(SCOPE, List.of(), List.of(), List.of(finds));
    return SecretCollector.collect(plan, backend, Optional.empty(), PriorSync.NONE);
  }

  private static Map<String, String> text(Map<String, byte[]> data) {
    Map<String, String> text = new java.util.TreeMap<>();
    data.forEach((k, v) -> text.put(k, new String(v, StandardCharsets.UTF_8)));
    return text;
  }
}
