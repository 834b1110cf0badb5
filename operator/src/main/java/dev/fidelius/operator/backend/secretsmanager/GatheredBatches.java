package dev.fidelius.operator.backend.secretsmanager;

import dev.fidelius.operator.backend.Outcome;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Shares BatchGetSecretValue calls among syncs of different FideliusSecrets that read at the same
 * moment, as at a cold start: the first reader opens a gathering and waits at most {@link #WINDOW}
 * (or until {@link BatchValueFetcher#MAX_IDS_PER_CALL} names joined), others add their names to it,
 * and one fetch answers them all; each reader gets back only the names it asked for. A lone reader
 * waits the window and no more; under load, while {@link #MAX_IN_FLIGHT} fetches are on their way,
 * the next gathering keeps gathering until one returns (at most {@link #MAX_WAIT} more).
 * Authorization is unaffected: access rules were checked per FideliusSecret before its names got
 * here, and one backend serves one store and identity.
 */
final class GatheredBatches {

  /** How long the first reader waits for others. */
  static final Duration WINDOW = Duration.ofMillis(5);

  /**
   * Fetches on their way past which a due gathering waits for one to return: a lone reader never
   * waits for this, and under load each call then carries what arrived meanwhile.
   */
  static final int MAX_IN_FLIGHT = 2;

  /** The longest a gathering waits beyond its window for fetches on their way. */
  static final Duration MAX_WAIT = Duration.ofMillis(200);

  /** The fetch that answers a gathering (BatchValueFetcher's). */
  interface Fetch {
    Map<String, Outcome<FetchedVersion>> fetchCurrent(Collection<String> names);
  }

  private static final class Gathering {
    final Set<String> names = new LinkedHashSet<>();
    final CompletableFuture<Map<String, Outcome<FetchedVersion>>> answers =
        new CompletableFuture<>();
    boolean closed;
  }

  private final Fetch fetch;
  private final Duration window;
  private final int fill;
  private final Object lock = new Object();
  private Gathering open;
  private int inFlight;

  GatheredBatches(Fetch fetch, Duration window, int fill) {
    this.fetch = fetch;
    this.window = window;
    this.fill = fill;
  }

  /** The AWSCURRENT version of each name the fetch could answer (see BatchValueFetcher). */
  Map<String, Outcome<FetchedVersion>> fetchCurrent(Collection<String> names) {
    if (names.isEmpty()) {
      return Map.of();
    }
    if (names.size() >= fill) {
      return fetch.fetchCurrent(names); // fills calls of its own
    }
    Gathering gathering;
    boolean leads;
    synchronized (lock) {
      leads = open == null;
      if (leads) {
        open = new Gathering();
      }
      gathering = open;
      gathering.names.addAll(names);
      if (gathering.names.size() >= fill) {
        close(gathering);
        lock.notifyAll();
      }
    }
    if (leads) {
      lead(gathering);
    }
    return mine(gathering, names);
  }

  private void lead(Gathering gathering) {
    boolean fetching = false;
    try {
      synchronized (lock) {
        long deadline = System.nanoTime() + window.toNanos();
        long waitedOut = deadline + MAX_WAIT.toNanos();
        while (!gathering.closed && !due(gathering, deadline, waitedOut)) {
          long left = deadline - System.nanoTime();
          TimeUnit.NANOSECONDS.timedWait(lock, left > 0 ? left : window.toNanos());
        }
        close(gathering);
        inFlight++;
        fetching = true;
      }
      gathering.answers.complete(fetch.fetchCurrent(List.copyOf(gathering.names)));
    } catch (InterruptedException e) {
      // This sync was abandoned: the others read what stays unanswered one by one.
      Thread.currentThread().interrupt();
      synchronized (lock) {
        close(gathering);
      }
      gathering.answers.complete(Map.of());
    } catch (RuntimeException | Error e) {
      gathering.answers.completeExceptionally(e);
      throw e;
    } finally {
      if (fetching) {
        synchronized (lock) {
          inFlight--;
          lock.notifyAll();
        }
      }
    }
  }

  /**
   * Under the lock: whether to fetch now. Full; or the window is over and fewer than {@link
   * #MAX_IN_FLIGHT} fetches are on their way (while they are, more readers arrive and the next call
   * carries more names); or it has waited for them as long as it may.
   */
  private boolean due(Gathering gathering, long deadline, long waitedOut) {
    long now = System.nanoTime();
    return gathering.names.size() >= fill
        || (now >= deadline && inFlight < MAX_IN_FLIGHT)
        || now >= waitedOut;
  }

  /** Under the lock: no one joins it any more. */
  private void close(Gathering gathering) {
    gathering.closed = true;
    if (open == gathering) {
      open = null;
    }
  }

  private static Map<String, Outcome<FetchedVersion>> mine(
      Gathering gathering, Collection<String> names) {
    try {
      Map<String, Outcome<FetchedVersion>> all = gathering.answers.get();
      Map<String, Outcome<FetchedVersion>> mine = new HashMap<>();
      for (String name : names) {
        Outcome<FetchedVersion> answer = all.get(name);
        if (answer != null) {
          mine.put(name, answer);
        }
      }
      return mine;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Map.of(); // unanswered: read one by one, or not at all if the sync is abandoned
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    }
  }
}
