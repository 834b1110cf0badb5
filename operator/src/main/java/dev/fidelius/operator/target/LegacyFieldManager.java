package dev.fidelius.operator.target;

import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The upgrade path from one shared field manager ({@link FieldManagers#LEGACY}) to one per
 * FideliusSecret. Fields the old manager applied stay owned by it until it lets go; as long as it
 * co-owns a key, a FideliusSecret that drops the key would not remove it. So after a FideliusSecret
 * applies under its own manager, the old manager applies again, once, holding only what it must
 * keep:
 *
 * <ul>
 *   <li>for a Secret the FideliusSecret owns (Owner, Orphan): nothing, so the Secret ends as if one
 *       manager had always written it (a key the FideliusSecret no longer writes goes, as before);
 *   <li>for a Secret it merges into: the data keys and annotations the old manager owns and the new
 *       one does not, with their current values. Those are other FideliusSecrets' keys (merged
 *       before the upgrade), kept until each of them applies under its own manager. Nothing is
 *       removed that another FideliusSecret wrote.
 * </ul>
 *
 * When it holds nothing more, its entry disappears from the Secret's managedFields and this is a
 * no-op.
 */
final class LegacyFieldManager {

  private LegacyFieldManager() {}

  /** Whether the old manager still owns fields of {@code secret} through apply. */
  static boolean present(Secret secret) {
    return entry(secret, FieldManagers.LEGACY).isPresent();
  }

  /** What the old manager applies to let go of everything. */
  static Secret releaseAll(Secret secret) {
    return new SecretBuilder()
        .withApiVersion("v1")
        .withKind("Secret")
        .withMetadata(
            new ObjectMetaBuilder()
                .withName(secret.getMetadata().getName())
                .withNamespace(secret.getMetadata().getNamespace())
                .build())
        .build();
  }

  /**
   * What the old manager applies to keep only the keys and annotations no other manager of ours
   * owns.
   */
  static Secret keepOthers(Secret secret, String newManager) {
    Set<String> keys = owned(secret, FieldManagers.LEGACY, "f:data");
    keys.removeAll(owned(secret, newManager, "f:data"));
    Set<String> annotationKeys = ownedAnnotations(secret, FieldManagers.LEGACY);
    annotationKeys.removeAll(ownedAnnotations(secret, newManager));
    Map<String, String> data = new TreeMap<>();
    Map<String, String> current = secret.getData() == null ? Map.of() : secret.getData();
    keys.stream().filter(current::containsKey).forEach(k -> data.put(k, current.get(k)));
    Map<String, String> annotations = new TreeMap<>();
    Map<String, String> currentAnnotations =
        secret.getMetadata().getAnnotations() == null
            ? Map.of()
            : secret.getMetadata().getAnnotations();
    annotationKeys.stream()
        .filter(currentAnnotations::containsKey)
        .forEach(k -> annotations.put(k, currentAnnotations.get(k)));
    Secret release = releaseAll(secret);
    release.getMetadata().setAnnotations(annotations.isEmpty() ? null : annotations);
    release.setData(data.isEmpty() ? null : data);
    return release;
  }

  private static Set<String> ownedAnnotations(Secret secret, String manager) {
    Set<String> keys = new TreeSet<>();
    entry(secret, manager)
        .map(e -> child(fields(e), "f:metadata"))
        .map(m -> child(m, "f:annotations"))
        .ifPresent(
            a ->
                a.keySet().stream()
                    .filter(k -> k.startsWith("f:"))
                    .forEach(k -> keys.add(k.substring(2))));
    return keys;
  }

  private static Set<String> owned(Secret secret, String manager, String field) {
    Set<String> keys = new TreeSet<>();
    entry(secret, manager)
        .map(e -> child(fields(e), field))
        .ifPresent(
            d ->
                d.keySet().stream()
                    .filter(k -> k.startsWith("f:"))
                    .forEach(k -> keys.add(k.substring(2))));
    return keys;
  }

  private static Optional<ManagedFieldsEntry> entry(Secret secret, String manager) {
    List<ManagedFieldsEntry> entries = secret.getMetadata().getManagedFields();
    if (entries == null) {
      return Optional.empty();
    }
    return entries.stream()
        .filter(
            e ->
                manager.equals(e.getManager())
                    && "Apply".equals(e.getOperation())
                    && e.getFieldsV1() != null)
        .findFirst();
  }

  private static Map<String, Object> fields(ManagedFieldsEntry entry) {
    return entry.getFieldsV1().getAdditionalProperties();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> child(Map<String, Object> parent, String key) {
    Object child = parent == null ? null : parent.get(key);
    return child instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
  }
}
