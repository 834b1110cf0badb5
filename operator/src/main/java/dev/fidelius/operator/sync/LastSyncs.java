package dev.fidelius.operator.sync;

import dev.fidelius.operator.memory.SharedStrings;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What each FideliusSecret synced last, as this process saw it. The status says the same, but the
 * informer's copy of the status can lag the sync's own status write: a reconcile that follows at
 * once (triggered by the Secret it just wrote) would then see the sync before, and a sweep snapshot
 * that matches that older sync would pin the older version and write it back. The newer of the two
 * is the one to trust.
 */
final class LastSyncs {

  private record Entry(String uid, PriorSync sync) {
    Entry {
      uid = SharedStrings.of(uid); // kept for the resource's life: see SharedStrings
    }
  }

  private final Map<String, Entry> byResource = new ConcurrentHashMap<>();

  void record(SyncRequest request, PriorSync sync) {
    byResource.put(
        SharedStrings.of(key(request.namespace(), request.name())), new Entry(request.uid(), sync));
  }

  /** The newer of what status says and what this process recorded for the same resource. */
  PriorSync newest(SyncRequest request, PriorSync fromStatus) {
    Entry entry = byResource.get(key(request.namespace(), request.name()));
    if (entry == null || !entry.uid().equals(request.uid())) {
      return fromStatus;
    }
    if (fromStatus.syncedAt() != null && !fromStatus.syncedAt().isBefore(entry.sync().syncedAt())) {
      return fromStatus;
    }
    return entry.sync();
  }

  /** Whether this process synced this resource (this uid) at least once. */
  boolean has(String namespace, String name, String uid) {
    Entry entry = byResource.get(key(namespace, name));
    return entry != null && entry.uid().equals(uid);
  }

  void forget(String namespace, String name) {
    byResource.remove(key(namespace, name));
  }

  private static String key(String namespace, String name) {
    return namespace + "/" + name;
  }
}
