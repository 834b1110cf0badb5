package dev.fidelius.operator.backend.fidelius;

import java.util.List;
import java.util.Optional;

/**
 * The few DynamoDB Streams calls tailing a table needs, behind our own narrow interface so that
 * shard lineage and iterator expiry can be tested with a fake. Failures are {@link StreamFailure}s,
 * never SDK exceptions.
 */
interface TableStream {

  /**
   * The table's current stream (DescribeTable's LatestStreamArn); empty when the table has none
   * enabled.
   */
  Optional<String> streamArn();

  /**
   * Every shard of the stream still readable, parents included (DescribeStream, paged, at most
   * {@code max}).
   */
  List<StreamShard> shards(String streamArn, int max);

  /** An iterator for one shard at {@code position}. */
  String iterator(String streamArn, String shardId, StartPosition position);

  /** Up to {@code limit} records from an iterator: the item names they name and where to go on. */
  RecordBatch read(String iterator, int limit);

  /**
   * @param parentId null for a shard without a (still known) parent
   * @param closed whether the shard has an ending sequence number: it will get no more records
   */
  record StreamShard(String id, String parentId, boolean closed) {}

  /** LATEST, TRIM_HORIZON, or just after a sequence number already read. */
  record StartPosition(String type, String sequenceNumber) {
    static final StartPosition LATEST = new StartPosition("LATEST", null);
    static final StartPosition TRIM_HORIZON = new StartPosition("TRIM_HORIZON", null);

    static StartPosition after(String sequenceNumber) {
      return new StartPosition("AFTER_SEQUENCE_NUMBER", sequenceNumber);
    }
  }

  /**
   * @param names the {@code name} key of each record, in order (duplicates kept)
   * @param lastSequenceNumber the last record's, or null when there was none
   * @param nextIterator null when the shard is closed and fully read
   * @param oldestCreationMillis the approximate creation time of the first record; -1 when none
   */
  record RecordBatch(
      List<String> names,
      String lastSequenceNumber,
      String nextIterator,
      long oldestCreationMillis) {}

  /** Why a stream call failed, without any message text (which may quote data). */
  final class StreamFailure extends RuntimeException {
    enum Kind {
      NO_STREAM,
      ACCESS_DENIED,
      EXPIRED_ITERATOR,
      TRIMMED,
      NOT_FOUND,
      OTHER
    }

    private final Kind kind;

    StreamFailure(Kind kind, String what) {
      super(kind + ": " + what, null, false, false);
      this.kind = kind;
    }

    Kind kind() {
      return kind;
    }
  }
}
