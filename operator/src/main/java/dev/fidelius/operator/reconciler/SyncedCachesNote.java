package dev.fidelius.operator.reconciler;

import dev.fidelius.operator.api.FideliusSecret;
import io.javaoperatorsdk.operator.OperatorException;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import java.util.Set;

/**
 * An event source that emits nothing: JOSDK starts it after the informers it depends on have synced
 * (they start at {@code RESOURCE_STATE_LOADER} priority, it at the default) and before it starts
 * reconciling, which is the moment {@link InitialListAdds} notes what the caches hold.
 */
final class SyncedCachesNote extends AbstractEventSource<Void, FideliusSecret> {

  private final Runnable note;

  SyncedCachesNote(Runnable note) {
    super(Void.class, "synced-caches-note");
    this.note = note;
  }

  @Override
  public void start() throws OperatorException {
    super.start();
    note.run();
  }

  @Override
  public Set<Void> getSecondaryResources(FideliusSecret primary) {
    return Set.of();
  }
}
