package dev.fidelius.e2e.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Writes new versions of distinct random keys at seeded random instants over a window, each timed
 * from the write's return by a {@link SecretWatch}.
 */
final class TimedRotations {

  /** Writes a new version of a key; the rotation is timed from this call's return. */
  interface Writer {
    void write(Dataset.Key key, String value);
  }

  /**
   * Runs right after the timed write (Secrets Manager: the change event EventBridge would send).
   */
  interface AfterWrite {
    void run(Dataset.Key key);
  }

  private final SplittableRandom random;

  TimedRotations(SplittableRandom random) {
    this.random = random;
  }

  void run(
      List<Dataset.Key> keys,
      int count,
      Duration window,
      SecretWatch watch,
      Writer writer,
      AfterWrite after)
      throws InterruptedException {
    List<Long> instants = new ArrayList<>();
    for (int i = 0; i < Math.min(count, keys.size()); i++) {
      instants.add((long) (random.nextDouble() * window.toNanos()));
    }
    instants.sort(Long::compare);
    Set<Integer> used = new HashSet<>();
    long start = System.nanoTime();
    for (long at : instants) {
      long sleep = (start + at - System.nanoTime()) / 1_000_000;
      if (sleep > 0) {
        Thread.sleep(sleep); // the schedule itself: rotations at chosen instants
      }
      int i;
      do {
        i = random.nextInt(keys.size());
      } while (!used.add(i));
      Dataset.Key key = keys.get(i);
      String value = Dataset.randomValue(random);
      writer.write(key, value);
      watch.expect(key, value, System.nanoTime());
      after.run(key);
    }
  }
}
