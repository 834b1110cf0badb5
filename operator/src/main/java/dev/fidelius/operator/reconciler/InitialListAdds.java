package dev.fidelius.operator.reconciler;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Drops the ADD events of a secondary informer's initial list, which reach JOSDK around the moment
 * its caches synced, before and after.
 *
 * <p>fabric8 calls an informer synced once its cache holds the list, and hands the list's ADD
 * events to JOSDK later, on its own thread. JOSDK starts reconciling on the synced caches while
 * those events still come in, and each maps to every FideliusSecret using the object (a store: all
 * of its FideliusSecrets), which then syncs a second time and reads its secrets again for nothing:
 * at a cold start of 1,000 resources about 750 such syncs with Secrets Manager.
 *
 * <p>Once the informers have synced and before JOSDK starts reconciling ({@link SyncedCachesNote}),
 * the version of every object the caches hold is noted. Every reconcile sees those versions or
 * newer, so an ADD event of exactly a noted version tells no FideliusSecret anything it will not
 * read anyway, and is dropped (once: the note goes with it). Any other ADD passes: an object
 * created since, a version the note does not hold, or anything once the note is older than {@link
 * #KEEP} (by then the list's events have long come; the rest of the note is dropped then).
 *
 * <p>An ADD that comes before the note is dropped too. No reconcile has started then (JOSDK starts
 * its event processor after every event source), and fabric8 puts an object in the cache before it
 * hands on its event, so the first reconcile of every FideliusSecret reads it. Passing such an
 * event is not harmless: a Namespace maps to every FideliusSecret in it, JOSDK takes the thousands
 * of events one by one, and those still coming once reconciling began re-ran the FideliusSecrets
 * already syncing (about 30 second syncs in a cold start of 5,000). The objects whose ADD came
 * early are left out of the note, whose ADD will not come again.
 */
final class InitialListAdds {

  static final Duration KEEP = Duration.ofMinutes(5);

  private final Clock clock;
  private final Map<String, String> versionsByUid = new ConcurrentHashMap<>();
  private Map<String, String> earlyAdds = new HashMap<>();
  private volatile boolean noted;
  private volatile Instant expires = Instant.MAX;

  InitialListAdds(Clock clock) {
    this.clock = clock;
  }

  /**
   * Notes the versions the caches hold, the first time only: no reconcile may have started from a
   * cache older than the note.
   */
  void noteOnce(Supplier<Stream<? extends HasMetadata>> cached) {
    if (!noted) {
      note(cached);
    }
  }

  private synchronized void note(Supplier<Stream<? extends HasMetadata>> cached) {
    if (noted) {
      return;
    }
    cached
        .get()
        .forEach(
            o -> {
              var meta = o.getMetadata();
              if (meta != null
                  && meta.getUid() != null
                  && meta.getResourceVersion() != null
                  && !meta.getResourceVersion().equals(earlyAdds.get(meta.getUid()))) {
                versionsByUid.put(meta.getUid(), meta.getResourceVersion());
              }
            });
    earlyAdds = Map.of();
    expires = clock.instant().plus(KEEP);
    noted = true;
  }

  /** Whether an informer's ADD event of {@code added} may tell a FideliusSecret something new. */
  boolean isNews(HasMetadata added) {
    if (!noted && cameBeforeTheNote(added)) {
      return false;
    }
    if (versionsByUid.isEmpty()) {
      return true;
    }
    if (clock.instant().isAfter(expires)) {
      versionsByUid.clear();
      return true;
    }
    var meta = added.getMetadata();
    if (meta == null || meta.getUid() == null || meta.getResourceVersion() == null) {
      return true;
    }
    return !versionsByUid.remove(meta.getUid(), meta.getResourceVersion());
  }

  private synchronized boolean cameBeforeTheNote(HasMetadata added) {
    if (noted) {
      return false;
    }
    var meta = added.getMetadata();
    if (meta != null && meta.getUid() != null && meta.getResourceVersion() != null) {
      earlyAdds.put(meta.getUid(), meta.getResourceVersion());
    }
    return true;
  }

  /** Versions noted whose ADD event has not come (for tests). */
  int pending() {
    return versionsByUid.size();
  }
}
