package dev.fidelius.operator.backend.fidelius;

import dev.fidelius.operator.backend.fidelius.TableStream.StartPosition;
import dev.fidelius.operator.backend.fidelius.TableStream.StreamShard;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where the reader stands in each shard of a stream, and which shards may be read now: a child only
 * once its parent is read to its end (or no longer listed), so that a name's records arrive in
 * order across splits and rollovers. Shards open when the reader starts are read from LATEST (the
 * sweep that follows the reader going live covers everything before); shards that appear later are
 * read from their start.
 */
final class ShardCursors {

  /** One shard: its parent, the iterator (null: to acquire), the last sequence number read. */
  static final class Cursor {
    final String shardId;
    final String parentId;
    String iterator;
    String lastSequence;
    boolean finished;
    final StartPosition firstPosition;

    Cursor(String shardId, String parentId, StartPosition firstPosition) {
      this.shardId = shardId;
      this.parentId = parentId;
      this.firstPosition = firstPosition;
    }

    /**
     * Where to (re)acquire an iterator: just after what was read, or where the shard was first
     * taken up.
     */
    StartPosition position() {
      return lastSequence == null ? firstPosition : StartPosition.after(lastSequence);
    }
  }

  private final Map<String, Cursor> cursors = new LinkedHashMap<>();

  /**
   * Takes in a listing of the stream's shards.
   *
   * @param initial whether this is the reader's first listing: open shards start at LATEST, closed
   *     ones are history the sweep covers
   */
  void update(List<StreamShard> listed, boolean initial) {
    Set<String> ids = listed.stream().map(StreamShard::id).collect(Collectors.toSet());
    cursors
        .values()
        .removeIf(c -> c.finished && !ids.contains(c.shardId)); // trimmed away after 24 h
    for (StreamShard shard : listed) {
      if (cursors.containsKey(shard.id())) {
        continue;
      }
      Cursor cursor =
          new Cursor(
              shard.id(),
              shard.parentId(),
              initial ? StartPosition.LATEST : StartPosition.TRIM_HORIZON);
      cursor.finished = initial && shard.closed();
      cursors.put(shard.id(), cursor);
    }
  }

  /** The shards to read now: unfinished, with no unfinished parent still known. */
  List<Cursor> readable() {
    List<Cursor> ready = new ArrayList<>();
    for (Cursor c : cursors.values()) {
      Cursor parent = c.parentId == null ? null : cursors.get(c.parentId);
      if (!c.finished && (parent == null || parent.finished)) {
        ready.add(c);
      }
    }
    return ready;
  }

  /** Every shard re-acquires its iterator where it stands (after a read error). */
  void dropIterators() {
    cursors.values().forEach(c -> c.iterator = null);
  }

  int size() {
    return cursors.size();
  }

  void clear() {
    cursors.clear();
  }
}
