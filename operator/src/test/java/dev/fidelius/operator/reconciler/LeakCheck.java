package dev.fidelius.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.operator.api.ClusterFideliusStore;
import dev.fidelius.operator.api.FideliusSecret;
import dev.fidelius.operator.api.FideliusStore;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Proves where a secret value is, by looking everywhere a tenant could read it: the data, labels
 * and annotations of every Secret in every namespace, the status of every FideliusSecret and store,
 * every Event, and the operator's log. Failures name the places, never the value.
 */
final class LeakCheck {

  private final KubernetesClient kube;
  private final LogCapture logs;

  LeakCheck(KubernetesClient kube, LogCapture logs) {
    this.kube = kube;
    this.logs = logs;
  }

  /** The value is in no Secret at all, nor in any status, Event or log line. */
  void assertNowhere(String what, String value) {
    assertHeldOnlyBy(what, value, Set.of());
  }

  /**
   * The value is only in the Secrets named {@code namespace/name} in {@code allowed} (where it was
   * legitimately synced), and never in a status, an Event or the log.
   */
  void assertHeldOnlyBy(String what, String value, Set<String> allowed) {
    List<String> holders = new ArrayList<>(secretsHolding(value));
    holders.removeAll(allowed);
    assertThat(holders).as("Secrets holding %s", what).isEmpty();

    List<String> statuses = new ArrayList<>();
    kube.resources(FideliusSecret.class)
        .inAnyNamespace()
        .list()
        .getItems()
        .forEach(
            f ->
                check(
                    statuses,
                    "FideliusSecret "
                        + f.getMetadata().getNamespace()
                        + "/"
                        + f.getMetadata().getName(),
                    f.getStatus(),
                    value));
    kube.resources(FideliusStore.class)
        .inAnyNamespace()
        .list()
        .getItems()
        .forEach(
            s ->
                check(
                    statuses,
                    "FideliusStore "
                        + s.getMetadata().getNamespace()
                        + "/"
                        + s.getMetadata().getName(),
                    s.getStatus(),
                    value));
    kube.resources(ClusterFideliusStore.class)
        .list()
        .getItems()
        .forEach(
            s ->
                check(
                    statuses,
                    "ClusterFideliusStore " + s.getMetadata().getName(),
                    s.getStatus(),
                    value));
    assertThat(statuses).as("statuses holding %s", what).isEmpty();

    List<String> events =
        kube.v1().events().inAnyNamespace().list().getItems().stream()
            .filter(e -> e.getMessage() != null && e.getMessage().contains(value))
            .map(e -> e.getMetadata().getNamespace() + "/" + e.getMetadata().getName())
            .toList();
    assertThat(events).as("Events holding %s", what).isEmpty();
    assertThat(logs.contains(value))
        .as("the operator's log holds %s (%d events captured)", what, logs.size())
        .isFalse();
  }

  /**
   * Every Secret, in any namespace, whose data, labels or annotations hold the value: {@code
   * namespace/name}.
   */
  List<String> secretsHolding(String value) {
    byte[] needle = value.getBytes(StandardCharsets.UTF_8);
    List<String> holders = new ArrayList<>();
    for (Secret secret : kube.secrets().inAnyNamespace().list().getItems()) {
      if (holds(secret, needle, value)) {
        holders.add(secret.getMetadata().getNamespace() + "/" + secret.getMetadata().getName());
      }
    }
    return holders;
  }

  private static boolean holds(Secret secret, byte[] needle, String value) {
    Map<String, String> data = secret.getData() == null ? Map.of() : secret.getData();
    for (String encoded : data.values()) {
      if (encoded != null && indexOf(Base64.getDecoder().decode(encoded), needle) >= 0) {
        return true;
      }
    }
    return contains(secret.getMetadata().getLabels(), value)
        || contains(secret.getMetadata().getAnnotations(), value);
  }

  private static boolean contains(Map<String, String> map, String value) {
    return map != null && map.values().stream().anyMatch(v -> v != null && v.contains(value));
  }

  private static void check(List<String> found, String where, Object status, String value) {
    if (status != null && Serialization.asJson(status).contains(value)) {
      found.add(where);
    }
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
