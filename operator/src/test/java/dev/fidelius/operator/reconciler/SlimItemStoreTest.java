package dev.fidelius.operator.reconciler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fidelius.operator.target.DatalessSecret;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import org.junit.jupiter.api.Test;

class SlimItemStoreTest {

  @Test
  void keepsSecretsAsDatalessViewsUnderTheInformersKey() {
    SlimItemStore<Secret> store = SlimItemStore.datalessSecrets();
    Secret full =
        new SecretBuilder()
            .withNewMetadata()
            .withName("s")
            .withNamespace("ns")
            .withResourceVersion("3")
            .endMetadata()
            .addToData("k", "dmFsdWU=")
            .build();
    String key = store.getKey(full);
    assertEquals("ns/s", key);
    store.put(key, full);
    Secret kept = store.get(key);
    assertInstanceOf(DatalessSecret.class, kept);
    assertTrue(kept.getData() == null || kept.getData().isEmpty());
    assertEquals("3", kept.getMetadata().getResourceVersion());
    assertEquals("dmFsdWU=", full.getData().get("k"), "the event's own object keeps its data");
    assertEquals(1, store.size());
    assertEquals(kept, store.remove(key));
    assertEquals(0, store.values().count());
  }

  @Test
  void dropsManagedFieldsAndTheLastAppliedCopy() {
    SlimItemStore<ConfigMap> store = SlimItemStore.withoutManagedFields();
    ConfigMap cm =
        new ConfigMapBuilder()
            .withNewMetadata()
            .withName("c")
            .withNamespace("ns")
            .withManagedFields(new ManagedFieldsEntryBuilder().withManager("kubectl").build())
            .addToAnnotations(
                "kubectl.kubernetes.io/last-applied-configuration", "{\"a whole\": \"copy\"}")
            .addToAnnotations("fidelius.dev/force-sync", "1")
            .endMetadata()
            .build();
    store.put(store.getKey(cm), cm);
    var kept = store.get("ns/c").getMetadata();
    assertTrue(kept.getManagedFields() == null || kept.getManagedFields().isEmpty());
    assertEquals(java.util.Map.of("fidelius.dev/force-sync", "1"), kept.getAnnotations());
  }
}
