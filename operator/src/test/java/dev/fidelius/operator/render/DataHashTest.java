package dev.fidelius.operator.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class DataHashTest {

  private static final Map<String, byte[]> CREDENTIALS =
      Map.of(
          "username", bytes("admin"),
          "password", bytes("s3cr3t"));

  @Test
  void matchesTheDocumentedLayoutComputedIndependently() {
    // Expected values computed with Python's hashlib from the layout in DataHash's javadoc. If this
    // fails,
    // the format changed and every Secret would be rewritten once after an upgrade.
    assertThat(DataHash.of(CREDENTIALS))
        .isEqualTo("8ab5c4b8842038304f4d0d2d9b837787ac42763d03cafe050d230a96bfbc027a");
    assertThat(DataHash.of(CREDENTIALS, "kubernetes.io/basic-auth"))
        .isEqualTo("99101434ad8d60804d163e978b35332bc15b177e8a06dca91aeee91d5bc0de6c");
    assertThat(DataHash.of(Map.of()))
        .isEqualTo("d6f691a30754d9f9011e16f90c41fccba9b02ec1bcf974a295b9be0bed34faa0");
  }

  @Test
  void isLowercaseHexOfSha256() {
    assertThat(DataHash.of(CREDENTIALS)).matches("[0-9a-f]{64}");
  }

  @Test
  void doesNotDependOnTheMapsOrder() {
    Map<String, byte[]> inserted = new LinkedHashMap<>();
    inserted.put("password", bytes("s3cr3t"));
    inserted.put("username", bytes("admin"));
    Map<String, byte[]> reversed = new TreeMap<>(Comparator.reverseOrder());
    reversed.putAll(CREDENTIALS);

    assertThat(DataHash.of(inserted))
        .isEqualTo(DataHash.of(CREDENTIALS))
        .isEqualTo(DataHash.of(reversed));
  }

  @Test
  void framesKeysAndValuesSoThatShiftingBytesBetweenThemChangesTheHash() {
    assertThat(DataHash.of(Map.of("a", bytes("bc"))))
        .isNotEqualTo(DataHash.of(Map.of("ab", bytes("c"))));
    assertThat(DataHash.of(Map.of("a", bytes("b"), "c", bytes("d"))))
        .isNotEqualTo(DataHash.of(Map.of("a", bytes("bcd"))));
    assertThat(DataHash.of(Map.of("a", bytes("")))).isNotEqualTo(DataHash.of(Map.of()));
  }

  @Test
  void changesWhenAnyValueChanges() {
    assertThat(DataHash.of(Map.of("username", bytes("admin"), "password", bytes("s3cr3u"))))
        .isNotEqualTo(DataHash.of(CREDENTIALS));
  }

  @Test
  void changesWhenAKeyIsRenamed() {
    assertThat(DataHash.of(Map.of("user", bytes("admin"), "password", bytes("s3cr3t"))))
        .isNotEqualTo(DataHash.of(CREDENTIALS));
  }

  @Test
  void changesWhenTheTypeChanges() {
    assertThat(DataHash.of(CREDENTIALS, "Opaque"))
        .isNotEqualTo(DataHash.of(CREDENTIALS, "kubernetes.io/basic-auth"));
    assertThat(DataHash.of(CREDENTIALS, "Opaque")).isNotEqualTo(DataHash.of(CREDENTIALS));
  }

  @Test
  void treatsANullOrEmptyTypeAsNoType() {
    assertThat(DataHash.of(CREDENTIALS, null)).isEqualTo(DataHash.of(CREDENTIALS));
    assertThat(DataHash.of(CREDENTIALS, "")).isEqualTo(DataHash.of(CREDENTIALS));
  }

  @Test
  void aTypeCannotBeConfusedWithData() {
    // The type is framed too: moving bytes from the type into the data must change the hash.
    assertThat(DataHash.of(Map.of(), "a")).isNotEqualTo(DataHash.of(Map.of("a", bytes(""))));
  }

  @Test
  void hashesBinaryValues() {
    Map<String, byte[]> binary = Map.of("blob", new byte[] {0, (byte) 0xff, 0x10});

    assertThat(DataHash.of(binary))
        .isEqualTo(DataHash.of(Map.of("blob", new byte[] {0, (byte) 0xff, 0x10})))
        .isNotEqualTo(DataHash.of(Map.of("blob", new byte[] {0, (byte) 0xff, 0x11})));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
