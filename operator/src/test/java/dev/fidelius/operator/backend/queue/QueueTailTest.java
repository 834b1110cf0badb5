package dev.fidelius.operator.backend.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fidelius.operator.backend.queue.ChangeQueue.Message;
import dev.fidelius.operator.backend.queue.ChangeQueue.QueueFailure;
import dev.fidelius.operator.backend.queue.EventEnvelopes.Parsed;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Deleting only after telling, harmless junk and duplicates, and an unreadable queue, against a
 * fake queue.
 */
class QueueTailTest {

  private static final String EVENT =
      """
      {"detail-type":"Secret Label Updated","source":"aws.secretsmanager","detail":{"name":"%s"}}""";

  private final Deque<List<Message>> batches = new ArrayDeque<>();
  private final List<String> log = new ArrayList<>();
  private QueueFailure failure;
  private final List<Integer> waits = new ArrayList<>();

  private final ChangeQueue queue =
      new ChangeQueue() {
        @Override
        public List<Message> receive(int max, int waitSeconds) {
          if (failure != null) {
            throw failure;
          }
          waits.add(waitSeconds);
          assertThat(max).isEqualTo(10);
          return batches.isEmpty() ? List.of() : batches.poll();
        }

        @Override
        public void delete(List<String> receiptHandles) {
          if (!receiptHandles.isEmpty()) {
            log.add("delete " + receiptHandles);
          }
        }
      };

  private final QueueTail tail = new QueueTail(queue, "q", Clock.systemUTC());

  QueueTailTest() {
    tail.attach(
        new QueueTail.Listener() {
          @Override
          public void changed(AnnouncedChange change) {
            log.add("changed " + change.name());
          }

          @Override
          public void liveChanged(boolean live) {
            log.add("live " + live);
          }
        });
  }

  @Test
  void theFirstReceiveAnswersAtOnceSoTheFeedIsLiveThenReceivesLongPoll() {
    tail.poll();
    tail.poll();

    assertThat(log).containsExactly("live true");
    assertThat(waits).containsExactly(0, 20);
  }

  @Test
  void messagesAreDeletedOnlyAfterSubscribersWereTold() {
    batches.add(
        List.of(
            new Message("r1", EVENT.formatted("A.dev.x")),
            new Message("r2", EVENT.formatted("A.dev.y"))));

    tail.poll();

    assertThat(log)
        .containsExactly("live true", "changed A.dev.x", "changed A.dev.y", "delete [r1, r2]");
  }

  @Test
  void junkAndDuplicatesAreCountedDeletedAndHarmless() {
    batches.add(
        List.of(
            new Message("r1", "{{{garbage"),
            new Message("r2", "{\"hello\":\"world\"}"),
            new Message("r3", EVENT.formatted("A.dev.x")),
            new Message("r4", EVENT.formatted("A.dev.x"))));

    tail.poll();

    assertThat(log)
        .containsExactly(
            "live true", "changed A.dev.x", "changed A.dev.x", "delete [r1, r2, r3, r4]");
    assertThat(tail.counts())
        .containsEntry(Parsed.Kind.MALFORMED, 1L)
        .containsEntry(Parsed.Kind.UNKNOWN, 1L)
        .containsEntry(Parsed.Kind.CHANGES, 2L);
    assertThat(tail.state().live()).isTrue();
    assertThat(tail.state().messages())
        .containsEntry("malformed", 1L)
        .containsEntry("unknown", 1L)
        .containsEntry("changes", 2L);
  }

  @Test
  void accessDeniedLeavesTheFeedNotLive() {
    failure = new QueueFailure(QueueFailure.Kind.ACCESS_DENIED, "ReceiveMessage");

    assertThatThrownBy(tail::poll).isSameAs(failure);

    assertThat(tail.state().live()).isFalse();
    assertThat(log).isEmpty();
  }

  @Test
  void theRunningTailSurvivesAccessDeniedAndReportsIt() throws Exception {
    failure = new QueueFailure(QueueFailure.Kind.ACCESS_DENIED, "ReceiveMessage");
    QueueTail running = new QueueTail(queue, "q2", Clock.systemUTC());
    QueueTail.Listener listener =
        new QueueTail.Listener() {
          @Override
          public void changed(AnnouncedChange change) {}

          @Override
          public void liveChanged(boolean live) {}
        };
    running.join(listener);
    long deadline = System.nanoTime() + 5_000_000_000L;
    boolean reported = false;
    while (!reported && System.nanoTime() < deadline) {
      reported = "ACCESS_DENIED".equals(running.state().reason());
      Thread.sleep(10);
    }
    running.leave(listener);

    assertThat(reported).isTrue();
    assertThat(running.state().live()).isFalse();
    assertThat(running.stopped()).isTrue();
  }

  @Test
  void readerThreadsAreBoundedWhateverTenantsName() {
    ChangeQueue idle =
        new ChangeQueue() {
          @Override
          public List<Message> receive(int max, int waitSeconds) {
            try {
              Thread.sleep(20);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return List.of();
          }

          @Override
          public void delete(List<String> receiptHandles) {}
        };
    QueueChangeFeed.Tails tails = new QueueChangeFeed.Tails();
    QueueTail.Listener listener =
        new QueueTail.Listener() {
          @Override
          public void changed(AnnouncedChange change) {}

          @Override
          public void liveChanged(boolean live) {}
        };
    List<QueueTail> joined = new ArrayList<>();
    try {
      for (int i = 0; i < QueueChangeFeed.Tails.MAX_TAILS; i++) {
        joined.add(
            tails.join("queue-" + i, () -> new QueueTail(idle, "q", Clock.systemUTC()), listener));
      }

      assertThat(joined).doesNotContainNull();
      assertThat(
              tails.join(
                  "one-too-many", () -> new QueueTail(idle, "q", Clock.systemUTC()), listener))
          .isNull();
    } finally {
      for (int i = 0; i < joined.size(); i++) {
        tails.leave("queue-" + i, joined.get(i), listener);
      }
    }
    assertThat(tails.running()).isZero();
  }
}
