package dev.fidelius.operator.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fidelius.operator.api.ApiGroup;
import dev.fidelius.operator.api.CreationPolicy;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatalessSecretTest {

  private static final TargetSpec TARGET =
      new TargetSpec(
          "ns",
          "app",
          "Opaque",
          Map.of("team", "a"),
          Map.of(),
          CreationPolicy.Owner,
          false,
          new TargetSpec.Owner(ApiGroup.API_VERSION, "FideliusSecret", "app", "uid-1"));

  @Test
  void aOneMebibyteSecretCostsAKilobyteInTheView() {
    String big = "A".repeat(1024 * 1024);
    Secret full =
        new SecretBuilder()
            .withNewMetadata()
            .withName("x")
            .withNamespace("ns")
            .addToLabels(ApiGroup.MANAGED_BY_LABEL, ApiGroup.MANAGED_BY_VALUE)
            .addToAnnotations(DatalessSecret.LAST_APPLIED, "{\"data\":{\"k\":\"" + big + "\"}}")
            .withManagedFields(
                new ManagedFieldsEntryBuilder()
                    .withManager("kubectl")
                    .withOperation("Apply")
                    .build())
            .endMetadata()
            .addToData("k", big)
            .build();
    Secret view = DatalessSecret.of(full);
    assertTrue(view.getData() == null || view.getData().isEmpty());
    assertTrue(view.getMetadata().getManagedFields().isEmpty());
    assertFalse(view.getMetadata().getAnnotations().containsKey(DatalessSecret.LAST_APPLIED));
    assertEquals(
        ApiGroup.MANAGED_BY_VALUE, view.getMetadata().getLabels().get(ApiGroup.MANAGED_BY_LABEL));
    int size = Serialization.asJson(view).getBytes(StandardCharsets.UTF_8).length;
    assertTrue(size < 1024, "view is " + size + " bytes");
    assertEquals(SecretDigest.ofEncodedData(full.getData()), SecretDigest.observed(view));
  }

  @Test
  void theWriterTellsAHandEditOfTheDataFromTheViewAlone() {
    Secret desired =
        KubernetesTargetWriter.desiredOwned(TARGET, Map.of("password", bytes("s3cret")), "hash-1");
    Secret current =
        new SecretBuilder(desired)
            .editMetadata()
            .withUid("s-1")
            .withResourceVersion("7")
            .endMetadata()
            .build();
    assertTrue(KubernetesTargetWriter.upToDate(DatalessSecret.of(current), desired));

    Map<String, String> edited = new HashMap<>(current.getData());
    edited.put("password", "aGFja2Vk");
    Secret handEdited = new SecretBuilder(current).withData(edited).build();
    assertFalse(KubernetesTargetWriter.upToDate(DatalessSecret.of(handEdited), desired));
    Secret keyAdded = new SecretBuilder(current).addToData("extra", "eA==").build();
    assertFalse(KubernetesTargetWriter.upToDate(DatalessSecret.of(keyAdded), desired));
  }

  @Test
  void oversizedMetadataIsLeftOutAndTheViewSaysSo() {
    Map<String, String> annotations = new HashMap<>();
    for (int i = 0; i < 200; i++) {
      annotations.put("tenant.example/a" + i, "v".repeat(200));
    }
    annotations.put(ApiGroup.DATA_HASH_ANNOTATION, "hash-1");
    Secret full =
        new SecretBuilder()
            .withNewMetadata()
            .withName("x")
            .withNamespace("ns")
            .addToLabels(ApiGroup.MANAGED_BY_LABEL, ApiGroup.MANAGED_BY_VALUE)
            .addToLabels(ApiGroup.SOURCE_LABEL, "app")
            .withAnnotations(annotations)
            .endMetadata()
            .addToData("k", "dg==")
            .build();
    DatalessSecret view = (DatalessSecret) DatalessSecret.of(full);
    assertTrue(view.metadataTruncated());
    assertEquals(
        Map.of(ApiGroup.DATA_HASH_ANNOTATION, "hash-1"), view.getMetadata().getAnnotations());
    assertEquals("app", view.getMetadata().getLabels().get(ApiGroup.SOURCE_LABEL));
    assertFalse(
        ((DatalessSecret)
                DatalessSecret.of(
                    new SecretBuilder(full)
                        .editMetadata()
                        .withAnnotations(Map.of("a", "b"))
                        .endMetadata()
                        .build()))
            .metadataTruncated());
  }

  @Test
  void digestsDifferWhenAnyKeyOrValueDiffers() {
    String base = SecretDigest.ofEncodedData(Map.of("a", "YQ==", "b", "Yg=="));
    assertEquals(
        base,
        SecretDigest.ofEncodedData(new java.util.TreeMap<>(Map.of("b", "Yg==", "a", "YQ=="))));
    assertNotEquals(base, SecretDigest.ofEncodedData(Map.of("a", "YQ==")));
    assertNotEquals(base, SecretDigest.ofEncodedData(Map.of("a", "YQ==", "b", "Yw==")));
    assertNotEquals(base, SecretDigest.ofEncodedData(Map.of("a", "YQ==", "c", "Yg==")));
    assertEquals(SecretDigest.ofEncodedData(null), SecretDigest.ofEncodedData(Map.of()));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
