package dev.fidelius.operator.backend.fidelius;

import dev.fidelius.operator.backend.ChangeFeed;
import dev.fidelius.operator.backend.FeedState;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One store's view of its table's stream: subscribing joins the table's one {@link StreamTail} and
 * turns each item name into a notice under this store's naming and component fallback, after
 * telling the store's reader (so that no sync triggered by the notice reads the name from an older
 * scan).
 */
final class FideliusChangeFeed implements ChangeFeed {

  private final StreamTails tails;
  private final Object tableKey;
  private final Supplier<StreamTail> newTail;
  private final FideliusNames names;
  private final boolean componentFallback;
  private final Optional<Duration> safetyInterval;
  private final Consumer<String> beforeNotice;

  FideliusChangeFeed(
      StreamTails tails,
      Object tableKey,
      Supplier<StreamTail> newTail,
      FideliusNames names,
      boolean componentFallback,
      Optional<Duration> safetyInterval,
      Consumer<String> beforeNotice) {
    this.tails = tails;
    this.tableKey = tableKey;
    this.newTail = newTail;
    this.names = names;
    this.componentFallback = componentFallback;
    this.safetyInterval = safetyInterval;
    this.beforeNotice = beforeNotice;
  }

  @Override
  public Subscription subscribe(ChangeListener listener) {
    StreamTail.Listener relay =
        new StreamTail.Listener() {
          @Override
          public void changed(String fullName) {
            beforeNotice.accept(fullName); // the reader first, so triggered syncs read afresh
            listener.changed(new FideliusChangeNotice(fullName, names, componentFallback));
          }

          @Override
          public void liveChanged(boolean live) {
            listener.liveChanged(live);
          }
        };
    StreamTail tail = tails.join(tableKey, newTail, relay);
    return () -> tails.leave(tableKey, tail, relay);
  }

  @Override
  public FeedState state() {
    StreamTail tail = tails.current(tableKey);
    if (tail != null) {
      return tail.state();
    }
    return new FeedState(
        false,
        tails.running() >= StreamTails.MAX_TAILS ? "TooManyReaders" : "NotSubscribed",
        null,
        null,
        -1);
  }

  @Override
  public Optional<Duration> safetyInterval() {
    return safetyInterval;
  }
}
