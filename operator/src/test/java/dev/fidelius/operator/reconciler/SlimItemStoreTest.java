package dev.fidelius.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fidelius.operator.api.FideliusSecret;
import dev.fidelius.operator.target.DatalessSecret;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
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

  @Test
  void cachedObjectsHoldOneCopyOfTheStringsTheyRepeat() {
    SlimItemStore<FideliusSecret> fsecs = SlimItemStore.withoutManagedFields();
    SlimItemStore<Secret> secrets = SlimItemStore.datalessSecrets();
    String long300 = "x".repeat(300);
    // Parsed, as the informer's objects are: every string its own copy.
    FideliusSecret a = parsed(fideliusSecret("a", "uid-a", long300), FideliusSecret.class);
    FideliusSecret b = parsed(fideliusSecret("b", "uid-b", long300), FideliusSecret.class);
    Secret secretOfA =
        parsed(
            """
            {"apiVersion": "v1", "kind": "Secret", "type": "Opaque",
             "metadata": {"name": "a", "namespace": "team", "resourceVersion": "9",
               "labels": {"app.kubernetes.io/managed-by": "fidelius-operator"},
               "ownerReferences": [{"apiVersion": "fidelius.dev/v1alpha1",
                 "kind": "FideliusSecret", "name": "a", "uid": "uid-a"}]},
             "data": {"db_password": "c2VjcmV0"}}
            """,
            Secret.class);
    String keyOfA = fsecs.getKey(a);
    fsecs.put(keyOfA, a);
    fsecs.put(fsecs.getKey(b), b);
    String keyOfSecret = secrets.getKey(secretOfA);
    secrets.put(keyOfSecret, secretOfA);
    FideliusSecret cachedA = fsecs.get("team/a");
    FideliusSecret cachedB = fsecs.get("team/b");
    Secret cachedSecret = secrets.get("team/a");

    assertThat(keyOfSecret).as("one key for the two caches").isSameAs(keyOfA);
    assertThat(cachedB.getMetadata().getNamespace())
        .isSameAs(cachedA.getMetadata().getNamespace())
        .isSameAs(cachedSecret.getMetadata().getNamespace());
    assertThat(cachedSecret.getMetadata().getName()).isSameAs(cachedA.getMetadata().getName());
    assertThat(cachedSecret.getMetadata().getOwnerReferences().get(0).getUid())
        .isSameAs(cachedA.getMetadata().getUid());
    assertThat(cachedA.getStatus().getItems().get(0).getName())
        .as("a secret's name in the spec, the status and the other resource reading it")
        .isSameAs(cachedA.getSpec().getData().get(0).getName())
        .isSameAs(cachedB.getStatus().getItems().get(0).getName());
    assertThat(cachedA.getStatus().getSyncedVersions().get("db_password"))
        .as("the version it synced")
        .isSameAs(cachedA.getStatus().getItems().get(0).getVersion())
        .isSameAs(cachedB.getStatus().getSyncedVersions().get("db_password"));
    assertThat(cachedA.getStatus().getConditions().get(0).getReason())
        .isSameAs(cachedB.getStatus().getConditions().get(0).getReason());
    assertThat(cachedA.getStatus().getConditions().get(0).getMessage())
        .as("messages belong to one resource: not shared")
        .isNotSameAs(cachedB.getStatus().getConditions().get(0).getMessage());
    assertThat(cachedA.getMetadata().getAnnotations().get("note"))
        .as("longer than any name or version: not shared")
        .isEqualTo(long300)
        .isNotSameAs(cachedB.getMetadata().getAnnotations().get("note"));
  }

  private static String fideliusSecret(String name, String uid, String note) {
    return """
        {"apiVersion": "fidelius.dev/v1alpha1", "kind": "FideliusSecret",
         "metadata": {"name": "%s", "namespace": "team", "uid": "%s", "resourceVersion": "7",
           "annotations": {"note": "%s"}},
         "spec": {"storeRef": {"name": "shared"}, "application": "PAYMENTS", "sdlc": "dev",
           "data": [{"name": "db_password"}]},
         "status": {
           "conditions": [{"type": "Ready", "status": "True", "reason": "Synced",
             "message": "Secret %s holds 1 key(s)", "lastTransitionTime": "2026-12-02T12:00:00Z"}],
           "syncedVersions": {"db_password": "0000000000000000003"},
           "items": [{"source": "data", "name": "db_password", "version": "0000000000000000003",
             "state": "Synced"}]}}
        """
        .formatted(name, uid, note, name);
  }

  private static <T> T parsed(String json, Class<T> type) {
    return new KubernetesSerialization().unmarshal(json, type);
  }
}
