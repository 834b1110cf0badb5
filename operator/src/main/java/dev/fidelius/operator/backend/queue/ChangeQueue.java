package dev.fidelius.operator.backend.queue;

import java.util.List;

/**
 * The two SQS calls tailing a queue needs, behind our own narrow interface so that access denied, a
 * deleted queue and hostile messages can be tested with a fake. Failures are {@link QueueFailure}s,
 * never SDK types.
 */
public interface ChangeQueue {

  /** Long-polls: waits up to {@code waitSeconds} for up to {@code max} messages. */
  List<Message> receive(int max, int waitSeconds);

  /** Deletes messages by receipt handle; a handle that expired meanwhile is no failure. */
  void delete(List<String> receiptHandles);

  record Message(String receiptHandle, String body) {}

  /** Why a queue call failed, without any message text. */
  final class QueueFailure extends RuntimeException {
    public enum Kind {
      ACCESS_DENIED,
      QUEUE_GONE,
      OTHER
    }

    private final Kind kind;

    public QueueFailure(Kind kind, String what) {
      super(kind + ": " + what, null, false, false);
      this.kind = kind;
    }

    public Kind kind() {
      return kind;
    }
  }
}
