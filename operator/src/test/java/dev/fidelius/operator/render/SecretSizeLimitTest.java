package dev.fidelius.operator.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretSizeLimitTest {

  @Test
  void theLimitIsOneMebibyteLessSixteenKibibytesForMetadata() {
    assertThat(SecretSizeLimit.MAX_BYTES).isEqualTo(1_048_576);
    assertThat(SecretSizeLimit.DATA_LIMIT_BYTES).isEqualTo(1_048_576 - 16_384);
  }

  @Test
  void acceptsDataExactlyAtTheLimit() {
    Map<String, byte[]> data = Map.of("key", filled(SecretSizeLimit.DATA_LIMIT_BYTES - 3));

    assertThat(SecretSizeLimit.totalBytes(data)).isEqualTo(SecretSizeLimit.DATA_LIMIT_BYTES);
    assertThat(SecretSizeLimit.problem(data)).isEmpty();
  }

  @Test
  void refusesOneByteOverTheLimitStatingTotalAndLimit() {
    Map<String, byte[]> data = Map.of("key", filled(SecretSizeLimit.DATA_LIMIT_BYTES - 2));

    assertThat(SecretSizeLimit.problem(data))
        .contains(
            "Secret data is 1032193 bytes (keys plus values), over the limit of 1032192 bytes"
                + " (1 MiB less 16 KiB kept for metadata)");
  }

  @Test
  void countsKeysAndValuesOfEveryEntry() {
    Map<String, byte[]> data = new HashMap<>();
    data.put("ab", new byte[10]);
    data.put("cde", new byte[20]);

    assertThat(SecretSizeLimit.totalBytes(data)).isEqualTo(2 + 10 + 3 + 20);
  }

  @Test
  void countsKeysInUtf8Bytes() {
    // Such a key is invalid anyway, but the count must not undercount it.
    assertThat(SecretSizeLimit.totalBytes(Map.of("ä", new byte[0]))).isEqualTo(2);
  }

  @Test
  void manySmallValuesAddUpOverTheLimit() {
    Map<String, byte[]> data = new HashMap<>();
    for (int i = 0; i < 11; i++) {
      data.put("k" + i, filled(100_000));
    }

    assertThat(SecretSizeLimit.problem(data)).isPresent();
  }

  @Test
  void theMessageNeverHoldsValueContent() {
    byte[] value = "TOPSECRET".repeat(120_000).getBytes(StandardCharsets.UTF_8);

    String problem = SecretSizeLimit.problem(Map.of("huge-blob", value)).orElseThrow();

    assertThat(problem).doesNotContain("TOPSECRET").doesNotContain("huge-blob");
  }

  @Test
  void nullOrEmptyDataFits() {
    assertThat(SecretSizeLimit.problem(null)).isEmpty();
    assertThat(SecretSizeLimit.problem(Map.of())).isEmpty();
  }

  private static byte[] filled(int size) {
    byte[] bytes = new byte[size];
    Arrays.fill(bytes, (byte) 'x');
    return bytes;
  }
}
