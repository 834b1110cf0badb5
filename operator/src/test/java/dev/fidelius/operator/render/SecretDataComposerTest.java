package dev.fidelius.operator.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.operator.api.MergePolicy;
import dev.fidelius.operator.api.SecretTemplate;
import dev.fidelius.operator.backend.ErrorKind;
import dev.fidelius.operator.backend.Outcome;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SecretDataComposerTest {

  private static final String PASSWORD = "s3cr3t pass";

  private static Map<String, byte[]> synced() {
    Map<String, byte[]> synced = new HashMap<>();
    synced.put("username", bytes("app"));
    synced.put("password", bytes(PASSWORD));
    return synced;
  }

  @Test
  void mergeKeepsSyncedKeysAndAddsTemplateKeys() {
    Map<String, byte[]> data =
        composed(
            synced(),
            template(
                MergePolicy.Merge,
                Map.of("url", "postgres://{{ .username }}:{{ .password | urlquery }}@db/app")));

    assertThat(data).containsOnlyKeys("password", "url", "username");
    assertThat(text(data, "url")).isEqualTo("postgres://app:s3cr3t%20pass@db/app");
    assertThat(text(data, "username")).isEqualTo("app");
    assertThat(text(data, "password")).isEqualTo(PASSWORD);
  }

  @Test
  void mergeLetsATemplateKeyReplaceASyncedKey() {
    Map<String, byte[]> data =
        composed(
            synced(), template(MergePolicy.Merge, Map.of("username", "{{ .username | upper }}")));

    assertThat(text(data, "username")).isEqualTo("APP");
    assertThat(data).containsOnlyKeys("password", "username");
  }

  @Test
  void aNullMergePolicyMerges() {
    Map<String, byte[]> data =
        composed(synced(), template(null, Map.of("user", "{{ .username }}")));

    assertThat(data).containsOnlyKeys("password", "user", "username");
  }

  @Test
  void replaceKeepsOnlyTemplateKeysRenderedFromTheSyncedKeys() {
    Map<String, byte[]> data =
        composed(
            synced(),
            template(
                MergePolicy.Replace,
                Map.of(
                    "config.json",
                    "{\"user\": {{ .username | json }}, \"password\": {{ .password | json }}}")));

    assertThat(data).containsOnlyKeys("config.json");
    assertThat(text(data, "config.json"))
        .isEqualTo("{\"user\": \"app\", \"password\": \"s3cr3t pass\"}");
  }

  @Test
  void replaceWithoutTemplateDataGivesNoKeys() {
    assertThat(composed(synced(), template(MergePolicy.Replace, null))).isEmpty();
  }

  @Test
  void templatesReadTheSyncedKeysNotEachOthersOutput() {
    Outcome<Map<String, byte[]>> outcome =
        SecretDataComposer.compose(
            synced(), template(MergePolicy.Merge, Map.of("a", "{{ .username }}", "b", "{{ .a }}")));

    assertThat(outcome.isOk()).isFalse();
    assertThat(outcome.error().message())
        .startsWith("spec.target.template.data[\"b\"]: the template uses key \"a\"");
  }

  @Test
  void withoutTemplateReturnsACopyOfTheSyncedKeys() {
    Map<String, byte[]> synced = synced();

    Map<String, byte[]> data = composed(synced, null);

    assertThat(data).isNotSameAs(synced).containsOnlyKeys("password", "username");
    assertThat(data.get("password")).isEqualTo(bytes(PASSWORD)).isNotSameAs(synced.get("password"));
  }

  @Test
  void aTemplateWithoutDataMergesToTheSyncedKeys() {
    assertThat(composed(synced(), template(MergePolicy.Merge, null)))
        .containsOnlyKeys("password", "username");
  }

  @Test
  void returnsASortedTreeMap() {
    Map<String, byte[]> data =
        composed(synced(), template(MergePolicy.Merge, Map.of("b-url", "x", "a-url", "y")));

    assertThat(data).isInstanceOf(TreeMap.class);
    assertThat(data.keySet()).containsExactly("a-url", "b-url", "password", "username");
  }

  @Test
  void neverModifiesItsInputs() {
    Map<String, byte[]> synced = synced();
    byte[] password = synced.get("password");
    Map<String, String> templates =
        new LinkedHashMap<>(Map.of("password", "{{ .password | upper }}"));
    SecretTemplate template = template(MergePolicy.Merge, templates);

    Map<String, byte[]> data = composed(synced, template);
    data.get("username")[0] = 'X';

    assertThat(text(data, "password")).isEqualTo("S3CR3T PASS");
    assertThat(synced).containsOnlyKeys("password", "username");
    assertThat(synced.get("password")).isSameAs(password).isEqualTo(bytes(PASSWORD));
    assertThat(synced.get("username")).isEqualTo(bytes("app"));
    assertThat(templates).containsExactly(Map.entry("password", "{{ .password | upper }}"));
    assertThat(template.getMergePolicy()).isEqualTo(MergePolicy.Merge);
  }

  @Test
  void refusesAnInvalidTemplateTargetKey() {
    Outcome<Map<String, byte[]>> outcome =
        SecretDataComposer.compose(
            synced(), template(MergePolicy.Merge, Map.of("a b", "{{ .username }}")));

    assertInvalid(
        outcome, "target key \"a b\": only letters, digits, '-', '_' and '.' are allowed");
  }

  @Test
  void refusesAnInvalidSyncedKeyWhenMerging() {
    Map<String, byte[]> synced = synced();
    synced.put("db/password", bytes("x"));

    assertInvalid(
        SecretDataComposer.compose(synced, null),
        "target key \"db/password\": only letters, digits, '-', '_' and '.' are allowed");
  }

  @Test
  void ignoresAnInvalidSyncedKeyThatReplaceDropsButLetsTemplatesReadIt() {
    Map<String, byte[]> synced = synced();
    synced.put("db password", bytes("x"));

    Map<String, byte[]> data =
        composed(synced, template(MergePolicy.Replace, Map.of("p", "{{ .username }}")));

    assertThat(data).containsOnlyKeys("p");
  }

  @Test
  void refusesDotDotAsATargetKey() {
    assertInvalid(
        SecretDataComposer.compose(synced(), template(MergePolicy.Replace, Map.of("..", "x"))),
        "target key \"..\": \".\" and \"..\" are not allowed");
  }

  @Test
  void reportsTheFirstInvalidKeyInSortedOrder() {
    Outcome<Map<String, byte[]>> outcome =
        SecretDataComposer.compose(
            synced(), template(MergePolicy.Replace, Map.of("z z", "x", "a:a", "y")));

    assertInvalid(
        outcome, "target key \"a:a\": only letters, digits, '-', '_' and '.' are allowed");
  }

  @Test
  void namesTheTargetKeyWhoseTemplateFailsWithoutShowingValues() {
    Outcome<Map<String, byte[]>> outcome =
        SecretDataComposer.compose(
            synced(), template(MergePolicy.Merge, Map.of("url", "{{ .user }}:{{ .password }}")));

    assertInvalid(
        outcome,
        "spec.target.template.data[\"url\"]: the template uses key \"user\", which is not among"
            + " the available keys [password, username]");
    assertThat(outcome.error().message()).doesNotContain(PASSWORD).doesNotContain("app,");
  }

  @Test
  void reportsAMissingTemplateText() {
    Map<String, String> templates = new HashMap<>();
    templates.put("url", null);

    assertInvalid(
        SecretDataComposer.compose(synced(), template(MergePolicy.Merge, templates)),
        "spec.target.template.data[\"url\"]: the template is missing");
  }

  @Test
  void refusesOversizeData() {
    byte[] big = new byte[SecretSizeLimit.DATA_LIMIT_BYTES];
    Arrays.fill(big, (byte) 'v');
    Map<String, byte[]> synced = Map.of("big", big);

    Outcome<Map<String, byte[]>> outcome = SecretDataComposer.compose(synced, null);

    assertInvalid(
        outcome,
        "Secret data is 1032195 bytes (keys plus values), over the limit of 1032192 bytes"
            + " (1 MiB less 16 KiB kept for metadata)");
  }

  @Test
  void refusesDataThatTemplatesMakeOversize() {
    byte[] half = new byte[SecretSizeLimit.DATA_LIMIT_BYTES / 2];
    Arrays.fill(half, (byte) 'v');

    Outcome<Map<String, byte[]>> outcome =
        SecretDataComposer.compose(
            Map.of("half", half), template(MergePolicy.Merge, Map.of("copy", "{{ .half }}")));

    assertThat(outcome.isOk()).isFalse();
    assertThat(outcome.error().message())
        .startsWith(
            "spec.target.template.data[\"copy\"]: placeholder"
                + " \"{{ .half }}\" would produce 516096 bytes, more than the 516088 bytes left under the Secret size limit");
  }

  @Test
  void replaceCanShrinkOversizeSyncedDataUnderTheLimit() {
    byte[] big = new byte[SecretSizeLimit.DATA_LIMIT_BYTES];

    Map<String, byte[]> data =
        composed(Map.of("big", big), template(MergePolicy.Replace, Map.of("small", "x")));

    assertThat(data).containsOnlyKeys("small");
  }

  @Test
  void nullSyncedCountsAsNoKeys() {
    assertThat(composed(null, template(MergePolicy.Merge, Map.of("static", "value"))))
        .containsOnlyKeys("static");
  }

  private static Map<String, byte[]> composed(Map<String, byte[]> synced, SecretTemplate template) {
    Outcome<Map<String, byte[]>> outcome = SecretDataComposer.compose(synced, template);
    assertThat(outcome.isOk()).as("%s", outcome).isTrue();
    return outcome.value();
  }

  private static void assertInvalid(Outcome<Map<String, byte[]>> outcome, String message) {
    assertThat(outcome.isOk()).as("%s", outcome).isFalse();
    assertThat(outcome.error().kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(outcome.error().message()).isEqualTo(message);
  }

  private static SecretTemplate template(MergePolicy policy, Map<String, String> data) {
    SecretTemplate template = new SecretTemplate();
    template.setMergePolicy(policy);
    template.setData(data);
    return template;
  }

  private static String text(Map<String, byte[]> data, String key) {
    return new String(data.get(key), StandardCharsets.UTF_8);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
