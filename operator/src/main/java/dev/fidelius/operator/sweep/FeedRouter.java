package dev.fidelius.operator.sweep;

import dev.fidelius.operator.backend.ChangeFeed;
import dev.fidelius.operator.backend.ChangeNotice;
import dev.fidelius.operator.store.BackendKey;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one backend's change feed says, turned into change detection: a change triggers the
 * resources it concerns (found in the backend's interests, no second index) after dropping what it
 * concerns from the snapshot, so that their reconciles read it directly; the feed going live or
 * stopping makes the next tick sweep, since a change may have slipped by in between. Never throws
 * into the feed's thread.
 */
final class FeedRouter<K> implements ChangeFeed.ChangeListener {

  private static final Logger LOG = LoggerFactory.getLogger(FeedRouter.class);

  private final BackendKey key;
  private final BackendSweep<K> state;
  private final Consumer<K> trigger;
  private final Consumer<BackendKey> liveChanged;

  FeedRouter(
      BackendKey key,
      BackendSweep<K> state,
      Consumer<K> trigger,
      Consumer<BackendKey> liveChanged) {
    this.key = key;
    this.state = state;
    this.trigger = trigger;
    this.liveChanged = liveChanged;
  }

  @Override
  public void changed(ChangeNotice notice) {
    try {
      List<K> concerned = state.concerned(notice);
      if (!concerned.isEmpty()) {
        state.invalidate(notice); // before the trigger: the reconciles must not pin the old version
        concerned.forEach(trigger);
      }
    } catch (RuntimeException e) {
      LOG.warn("routing a change of {} failed: {}", key, e.getClass().getSimpleName());
    }
  }

  @Override
  public void liveChanged(boolean live) {
    LOG.info(
        "change events for {} {}",
        key,
        live ? "are live: polling as a safety net" : "stopped: polling");
    state.sweepSoon();
    liveChanged.accept(key);
  }
}
