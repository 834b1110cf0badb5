package dev.fidelius.operator.backend.fidelius;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fidelius.operator.backend.fidelius.TableStream.RecordBatch;
import dev.fidelius.operator.backend.fidelius.TableStream.StartPosition;
import dev.fidelius.operator.backend.fidelius.TableStream.StreamFailure;
import dev.fidelius.operator.backend.fidelius.TableStream.StreamShard;
import dev.fidelius.operator.testsupport.ManualClock;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Shard lineage, start positions and iterator expiry of the stream reader, against a fake stream.
 */
class StreamTailTest {

  /**
   * A stream of shards, each a list of (sequence, name) records; iterators name a shard and an
   * offset.
   */
  static final class FakeStream implements TableStream {
    final Map<String, StreamShard> shards = new LinkedHashMap<>();
    final Map<String, List<String>> records = new HashMap<>();
    final List<String> iteratorRequests = new ArrayList<>();
    final List<String> expired = new ArrayList<>();
    boolean hasStream = true;

    void shard(String id, String parent, boolean closed, String... names) {
      shards.put(id, new StreamShard(id, parent, closed));
      records.put(id, new ArrayList<>(List.of(names)));
    }

    @Override
    public Optional<String> streamArn() {
      return hasStream ? Optional.of("arn:stream") : Optional.empty();
    }

    @Override
    public List<StreamShard> shards(String streamArn, int max) {
      return List.copyOf(shards.values());
    }

    @Override
    public String iterator(String streamArn, String shardId, StartPosition position) {
      iteratorRequests.add(
          shardId
              + "@"
              + position.type()
              + (position.sequenceNumber() == null ? "" : ":" + position.sequenceNumber()));
      int offset =
          switch (position.type()) {
            case "LATEST" -> records.get(shardId).size();
            case "TRIM_HORIZON" -> 0;
            default ->
                Integer.parseInt(position.sequenceNumber().substring(shardId.length() + 1)) + 1;
          };
      return shardId + "#" + offset;
    }

    @Override
    public RecordBatch read(String iterator, int limit) {
      if (expired.remove(iterator)) {
        throw new StreamFailure(StreamFailure.Kind.EXPIRED_ITERATOR, "GetRecords");
      }
      String shardId = iterator.substring(0, iterator.indexOf('#'));
      int offset = Integer.parseInt(iterator.substring(iterator.indexOf('#') + 1));
      List<String> all = records.get(shardId);
      List<String> names = all.subList(offset, all.size());
      String last = names.isEmpty() ? null : shardId + ":" + (all.size() - 1);
      boolean done = shards.get(shardId).closed();
      return new RecordBatch(
          List.copyOf(names), last, done ? null : shardId + "#" + all.size(), -1);
    }
  }

  private final FakeStream stream = new FakeStream();
  private final List<String> seen = new ArrayList<>();
  private final List<Boolean> live = new ArrayList<>();
  private final StreamTail tail =
      new StreamTail(stream, "credential-store", Clock.systemUTC(), Duration.ZERO);

  StreamTailTest() {
    tail.attach(
        new StreamTail.Listener() {
          @Override
          public void changed(String fullName) {
            seen.add(fullName);
          }

          @Override
          public void liveChanged(boolean isLive) {
            live.add(isLive);
          }
        });
  }

  @Test
  void aQuietTableIsPolledHalfAsOftenUntilTheNextRecord() {
    ManualClock clock = new ManualClock();
    Duration idle = Duration.ofMillis(500);
    StreamTail paced = new StreamTail(stream, "credential-store", clock, idle);
    paced.attach(
        new StreamTail.Listener() {
          @Override
          public void changed(String fullName) {
            seen.add(fullName);
          }

          @Override
          public void liveChanged(boolean isLive) {}
        });
    stream.shard("s0", null, false);

    assertThat(paced.round()).isEqualTo(idle);
    clock.advance(StreamTail.QUIET_AFTER);
    assertThat(paced.round()).as("a minute without records").isEqualTo(idle.multipliedBy(2));
    stream.records.get("s0").add("APP.dev.rotated");
    assertThat(paced.round()).as("a record: read on at once").isEqualTo(Duration.ZERO);
    assertThat(paced.round()).as("then the short delay again").isEqualTo(idle);
    assertThat(seen).containsExactly("APP.dev.rotated");
  }

  @Test
  void startsAtLatestOnOpenShardsSkipsClosedHistoryAndGoesLiveOnce() {
    stream.shard("s0", null, true, "OLD.dev.a");
    stream.shard("s1", "s0", false, "APP.dev.before");

    tail.round();
    stream.records.get("s1").add("APP.dev.after");
    tail.round();

    assertThat(seen).containsExactly("APP.dev.after");
    assertThat(live).containsExactly(true);
    assertThat(tail.state().live()).isTrue();
    assertThat(stream.iteratorRequests).containsExactly("s1@LATEST");
  }

  @Test
  void readsAParentToItsEndBeforeItsChildrenAfterASplit() {
    stream.shard("p", null, false);
    tail.round();
    // The parent gets a last record and closes; two children appear with records of their own.
    stream.records.get("p").add("APP.dev.x");
    stream.shards.put("p", new StreamShard("p", null, true));
    stream.shard("c1", "p", false, "APP.dev.y");
    stream.shard("c2", "p", false, "APP.dev.z");

    tail.round(); // reads the parent to its end, then lists the children
    tail.round();

    assertThat(seen).containsExactly("APP.dev.x", "APP.dev.y", "APP.dev.z");
    assertThat(stream.iteratorRequests)
        .containsExactly("p@LATEST", "c1@TRIM_HORIZON", "c2@TRIM_HORIZON");
  }

  @Test
  void reacquiresAnExpiredIteratorJustAfterTheLastRecordRead() {
    stream.shard("s", null, false);
    tail.round();
    stream.records.get("s").add("APP.dev.one");
    tail.round();
    stream.records.get("s").add("APP.dev.two");
    stream.expired.add("s#1");

    tail.round(); // expired: nothing lost, the iterator is re-acquired after s:0
    tail.round();

    assertThat(seen).containsExactly("APP.dev.one", "APP.dev.two");
    assertThat(stream.iteratorRequests).containsExactly("s@LATEST", "s@AFTER_SEQUENCE_NUMBER:s:0");
    assertThat(live).containsExactly(true);
  }

  @Test
  void aReadErrorResumesJustAfterTheLastRecordReadInsteadOfSkippingToLatest() {
    stream.shard("s", null, false);
    tail.round();
    stream.records.get("s").add("APP.dev.one");
    tail.round();

    tail.recoverPosition("OTHER"); // as after a timed-out GetRecords on a loaded store
    stream.records.get("s").add("APP.dev.written-during-the-error");
    tail.round();

    assertThat(seen).containsExactly("APP.dev.one", "APP.dev.written-during-the-error");
    assertThat(stream.iteratorRequests).containsExactly("s@LATEST", "s@AFTER_SEQUENCE_NUMBER:s:0");
  }

  @Test
  void aStreamThatCannotBeReadStartsOverAtLatest() {
    stream.shard("s", null, false);
    tail.round();
    stream.records.get("s").add("APP.dev.one");
    tail.round();

    tail.recoverPosition("ACCESS_DENIED");
    tail.round();

    assertThat(stream.iteratorRequests).containsExactly("s@LATEST", "s@LATEST");
  }

  @Test
  void aTableWithoutAStreamIsNotLive() {
    stream.hasStream = false;

    assertThatThrownBy(tail::round)
        .isInstanceOfSatisfying(
            StreamFailure.class, e -> assertThat(e.kind()).isEqualTo(StreamFailure.Kind.NO_STREAM));

    assertThat(live).isEmpty();
    assertThat(tail.state().live()).isFalse();
  }
}
