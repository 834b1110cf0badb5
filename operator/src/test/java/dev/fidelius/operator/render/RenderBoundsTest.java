package dev.fidelius.operator.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.operator.api.MergePolicy;
import dev.fidelius.operator.api.SecretTemplate;
import dev.fidelius.operator.backend.Outcome;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Rendering stops at the Secret size limit while it runs: hostile templates are refused with a
 * bounded heap, measured as the bytes this thread allocates (not wall time, which says nothing
 * about memory).
 */
class RenderBoundsTest {

  /**
   * "A small multiple of 1 MiB": what one hostile template may make the renderer allocate at most.
   */
  private static final long ALLOCATION_CEILING = 16L * SecretSizeLimit.MAX_BYTES;

  @Test
  void sixtyBase64FiltersOnALiteralAreRefusedWithABoundedHeap() {
    String bomb = "{{ \"x\"" + " | base64".repeat(60) + " }}";

    long allocated = allocatedBytesWhile(() -> compose(Map.of("bomb", bomb)));
    Outcome<Map<String, byte[]>> outcome = compose(Map.of("bomb", bomb));

    assertThat(outcome.isOk()).isFalse();
    assertThat(outcome.error().message())
        .startsWith("spec.target.template.data[\"bomb\"]: malformed placeholder")
        .contains("more than 8 filters");
    assertThat(allocated).isLessThan(ALLOCATION_CEILING);
  }

  @Test
  void theFiltersThemselvesStopAtTheBudgetWhateverTheChainLength() {
    // Independent of the parser's limit: sixty base64 filters applied in a row, as a longer chain
    // would.
    RenderBudget budget = new RenderBudget(SecretSizeLimit.DATA_LIMIT_BYTES);
    byte[][] value = {"x".getBytes(StandardCharsets.UTF_8)};
    int[] applied = {0};

    long allocated =
        allocatedBytesWhile(
            () -> {
              try {
                for (int i = 0; i < 60; i++) {
                  value[0] = TemplateFilter.BASE64.apply(value[0], budget);
                  applied[0]++;
                }
              } catch (TemplateException expected) {
                assertThat(expected.getMessage()).startsWith("filter base64 would produce");
              }
            });

    assertThat(applied[0]).isLessThan(60);
    assertThat(value[0].length).isLessThanOrEqualTo(SecretSizeLimit.DATA_LIMIT_BYTES);
    assertThat(allocated).isLessThan(ALLOCATION_CEILING);
  }

  @Test
  void eightFiltersOnALargeValueAreRefusedAtTheLimit() {
    byte[] value = new byte[200_000];
    Arrays.fill(value, (byte) 'v');
    String chain = "{{ .v" + " | base64".repeat(RenderLimits.MAX_FILTERS_PER_PLACEHOLDER) + " }}";

    long allocated = allocatedBytesWhile(() -> compose(Map.of("v", value), Map.of("t", chain)));
    Outcome<Map<String, byte[]>> outcome = compose(Map.of("v", value), Map.of("t", chain));

    assertThat(outcome.isOk()).isFalse();
    assertThat(outcome.error().message()).contains("filter base64 would produce");
    assertThat(allocated).isLessThan(ALLOCATION_CEILING);
  }

  @Test
  void aTemplateRepeatingALargeValueStopsAtTheLimitNotAfter() {
    byte[] value = new byte[200_000];
    Arrays.fill(value, (byte) 'v');
    String manyCopies = "{{ .v | base64 }}".repeat(3_000); // would be 800 MB of output
    Map<String, byte[]> synced = Map.of("v", value);

    long allocated = allocatedBytesWhile(() -> compose(synced, Map.of("many", manyCopies)));
    Outcome<Map<String, byte[]>> outcome = compose(synced, Map.of("many", manyCopies));

    assertThat(outcome.isOk()).isFalse();
    assertThat(outcome.error().message()).contains("bytes left under the Secret size limit");
    assertThat(allocated).isLessThan(ALLOCATION_CEILING);
  }

  @Test
  void everyGrowingFilterChecksItsOutputBeforeBuildingIt() {
    byte[] value = new byte[SecretSizeLimit.DATA_LIMIT_BYTES / 2];
    Arrays.fill(value, (byte) 0x01); // control bytes: urlquery and json grow them most
    Map<String, byte[]> synced = Map.of("v", value);

    for (String filter : new String[] {"urlquery", "base64", "json"}) {
      long allocated =
          allocatedBytesWhile(() -> compose(synced, Map.of("t", "{{ .v | " + filter + " }}")));
      Outcome<Map<String, byte[]>> outcome =
          compose(synced, Map.of("t", "{{ .v | " + filter + " }}"));

      assertThat(outcome.isOk()).as(filter).isFalse();
      assertThat(outcome.error().message())
          .as(filter)
          .contains("filter " + filter + " would produce");
      // Failing before building the output: well under the output's own size (3 to 6 times the
      // value).
      assertThat(allocated).as(filter).isLessThan(2L * value.length + 1_000_000);
    }
  }

  @Test
  void theWholeSecretCountsTemplatesSpendFromOneBudget() {
    byte[] value = new byte[400_000];
    Arrays.fill(value, (byte) 'v');
    Map<String, String> templates = new TreeMap<>();
    templates.put("a", "{{ .v }}");
    templates.put("b", "{{ .v }}");

    Outcome<Map<String, byte[]>> outcome =
        SecretDataComposer.compose(Map.of("v", value), template(MergePolicy.Merge, templates));

    // v (400 kB) + a (400 kB) fit; b would pass 1 MiB less the metadata margin.
    assertThat(outcome.isOk()).isFalse();
    assertThat(outcome.error().message()).startsWith("spec.target.template.data[\"b\"]");
  }

  @Test
  void upperCaseThatGrowsTheTextIsCheckedToo() {
    byte[] sharpS =
        "ß".repeat(SecretSizeLimit.DATA_LIMIT_BYTES / 4).getBytes(StandardCharsets.UTF_8);

    Outcome<Map<String, byte[]>> outcome =
        compose(Map.of("s", sharpS), Map.of("t", "{{ .s | upper }}"));

    assertThat(outcome.isOk()).isFalse();
    assertThat(outcome.error().message()).contains("filter upper would produce");
  }

  @Test
  void caseMappingIsLinearAndMatchesTheJdk() {
    String sharpS = "ß".repeat(SecretSizeLimit.DATA_LIMIT_BYTES / 4);
    String mixed = "Straße ΣΊΣΥΦΟΣ İstanbul 😀 ΑΣİΣ İΣ. ΣİİΣ ".repeat(500);
    String dotted = "İ".repeat(SecretSizeLimit.DATA_LIMIT_BYTES / 4);

    long allocated = allocatedBytesWhile(() -> CaseMapping.upper(sharpS));

    assertThat(CaseMapping.upper(sharpS)).isEqualTo("SS".repeat(sharpS.length()));
    assertThat(CaseMapping.upper(mixed)).isEqualTo(mixed.toUpperCase(java.util.Locale.ROOT));
    assertThat(CaseMapping.lower(mixed)).isEqualTo(mixed.toLowerCase(java.util.Locale.ROOT));
    assertThat(CaseMapping.lower(dotted)).isEqualTo("i\u0307".repeat(dotted.length()));
    assertThat(allocatedBytesWhile(() -> CaseMapping.lower(dotted))).isLessThan(ALLOCATION_CEILING);
    // Lower-casing in Java has no other expanding character; the respelling relies on it.
    for (char c = 0x80; c < 0xFFFF; c++) {
      if (!Character.isSurrogate(c) && c != '\u0130') {
        assertThat(String.valueOf(c).toLowerCase(java.util.Locale.ROOT)).hasSize(1);
      }
    }
    // The JDK's own upper-casing of this value allocates a growing copy per character: hundreds of
    // GB.
    assertThat(allocated).isLessThan(ALLOCATION_CEILING);
  }

  @Test
  void aTemplateLongerThanTheLimitIsRefusedNamingTheField() {
    String huge = "x".repeat(RenderLimits.MAX_TEMPLATE_CHARS + 1);

    Outcome<Map<String, byte[]>> outcome = compose(Map.of("big", huge));

    assertThat(outcome.isOk()).isFalse();
    assertThat(outcome.error().message())
        .isEqualTo(
            "spec.target.template.data[\"big\"]: the template is 65537"
                + " characters long; at most 65536 are allowed");
  }

  @Test
  void tooManyTemplateKeysAreRefused() {
    Map<String, String> templates = new TreeMap<>();
    for (int i = 0; i <= RenderLimits.MAX_TEMPLATE_KEYS; i++) {
      templates.put("k" + i, "x");
    }

    Outcome<Map<String, byte[]>> outcome = compose(templates);

    assertThat(outcome.isOk()).isFalse();
    assertThat(outcome.error().message())
        .isEqualTo("spec.target.template.data has 101 keys; at most 100 are allowed");
  }

  @Test
  void ordinaryTemplatesStillRender() {
    Outcome<Map<String, byte[]>> outcome =
        compose(
            Map.of("p", "s3cr3t ß".getBytes(StandardCharsets.UTF_8)),
            Map.of("t", "{{ .p | upper | json | base64 | base64decode | urlquery }}"));

    assertThat(outcome.isOk()).isTrue();
    assertThat(new String(outcome.value().get("t"), StandardCharsets.UTF_8))
        .isEqualTo("%22S3CR3T%20SS%22");
  }

  private static Outcome<Map<String, byte[]>> compose(Map<String, String> templates) {
    return compose(Map.of(), templates);
  }

  private static Outcome<Map<String, byte[]>> compose(
      Map<String, byte[]> synced, Map<String, String> templates) {
    return SecretDataComposer.compose(synced, template(MergePolicy.Merge, templates));
  }

  private static SecretTemplate template(MergePolicy policy, Map<String, String> data) {
    SecretTemplate template = new SecretTemplate();
    template.setMergePolicy(policy);
    template.setData(data);
    return template;
  }

  private static long allocatedBytesWhile(Runnable action) {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    action.run();
    return threads.getCurrentThreadAllocatedBytes() - before;
  }
}
