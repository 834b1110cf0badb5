package dev.fidelius.operator.reconciler;

import dev.fidelius.operator.memory.SharedStrings;
import dev.fidelius.operator.target.DatalessSecret;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * An informer's cache that keeps a slimmed copy of each resource: never {@code managedFields}
 * (often larger than the rest of the object, and read by nobody here), for Secrets never the data
 * (see {@link DatalessSecret}), and with the strings cached objects repeat shared ({@link
 * CachedStrings}), keys included. The informer still hands each event's full object to its
 * handlers; only what stays in memory is slim.
 */
public final class SlimItemStore<R extends HasMetadata> implements ItemStore<R> {

  private static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

  private final Map<String, R> items = new ConcurrentHashMap<>();
  private final UnaryOperator<R> slim;

  private SlimItemStore(UnaryOperator<R> slim) {
    this.slim = slim;
  }

  /**
   * Keeps resources without their managedFields, nor kubectl's last-applied annotation, a second
   * copy of the whole spec for anything applied with client-side {@code kubectl apply} (the event's
   * object is changed in place: nobody here reads either).
   */
  public static <R extends HasMetadata> SlimItemStore<R> withoutManagedFields() {
    return new SlimItemStore<>(
        resource -> {
          if (resource.getMetadata() != null) {
            resource.getMetadata().setManagedFields(null);
            Map<String, String> annotations = resource.getMetadata().getAnnotations();
            if (annotations != null && annotations.containsKey(LAST_APPLIED)) {
              Map<String, String> kept = new HashMap<>(annotations);
              kept.remove(LAST_APPLIED);
              resource.getMetadata().setAnnotations(kept);
            }
          }
          return CachedStrings.share(resource);
        });
  }

  /** Keeps Secrets as data-less views: metadata and a digest of the data. */
  public static SlimItemStore<Secret> datalessSecrets() {
    return new SlimItemStore<>(secret -> CachedStrings.share(DatalessSecret.of(secret)));
  }

  @Override
  public String getKey(R resource) {
    // One copy of each key for the cache and the informer's indexes, which each kept their own.
    return SharedStrings.of(Cache.metaNamespaceKeyFunc(resource));
  }

  @Override
  public R put(String key, R resource) {
    return items.put(key, slim.apply(resource));
  }

  @Override
  public R remove(String key) {
    return items.remove(key);
  }

  @Override
  public Stream<String> keySet() {
    return items.keySet().stream();
  }

  @Override
  public Stream<R> values() {
    return items.values().stream();
  }

  @Override
  public int size() {
    return items.size();
  }

  @Override
  public R get(String key) {
    return items.get(key);
  }
}
