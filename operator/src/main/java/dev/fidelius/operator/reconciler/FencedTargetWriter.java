package dev.fidelius.operator.reconciler;

import dev.fidelius.operator.target.ObservedTarget;
import dev.fidelius.operator.target.TargetSpec;
import dev.fidelius.operator.target.TargetWriter;
import dev.fidelius.operator.target.WriteResult;
import java.util.Map;

/**
 * A {@link TargetWriter} that refuses to write for a sync abandoned at its deadline: work still
 * running after the reconciler has reported SyncTimeout (and perhaps started the next attempt) must
 * never overwrite the Secret with what it read before.
 */
public final class FencedTargetWriter implements TargetWriter {

  private final TargetWriter delegate;

  public FencedTargetWriter(TargetWriter delegate) {
    this.delegate = delegate;
  }

  @Override
  public WriteResult write(
      TargetSpec target, ObservedTarget existing, Map<String, byte[]> data, String dataHash) {
    SyncAttempt attempt = SyncAttempt.current();
    if (attempt != null && !attempt.beginWrite()) {
      throw new AbandonedSyncException();
    }
    return delegate.write(target, existing, data, dataHash);
  }
}
