package dev.fidelius.operator.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class GatheredReadsTest {

  /** Answers every name with a failure naming it, and records each call's names. */
  private final List<List<String>> calls = new CopyOnWriteArrayList<>();

  private final GatheredReads.Fetch<String, Outcome<String>> fetch =
      names -> {
        calls.add(List.copyOf(names));
        return names.stream()
            .collect(Collectors.toMap(n -> n, n -> Outcome.<String>failed(ErrorKind.NOT_FOUND, n)));
      };

  @Test
  void readersAtTheSameMomentShareOneFetchAndEachGetsOnlyItsNames() throws Exception {
    // A window long enough for every thread of a loaded machine to join: the fill closes it.
    GatheredReads<String, Outcome<String>> batches =
        new GatheredReads<>(fetch, Duration.ofSeconds(30), 20);
    int readers = 10;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(readers);
    Map<Integer, Map<String, Outcome<String>>> answers = new ConcurrentHashMap<>();
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int r = 0; r < readers; r++) {
        int reader = r;
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  answers.put(reader, batches.read(List.of(reader + "-a", reader + "-b")));
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(calls).as("20 names from 10 readers").hasSize(1);
    assertThat(calls.get(0)).hasSize(20);
    for (int r = 0; r < readers; r++) {
      assertThat(answers.get(r)).containsOnlyKeys(r + "-a", r + "-b");
      assertThat(answers.get(r).get(r + "-a").error().message()).isEqualTo(r + "-a");
    }
  }

  @Test
  void aLoneReaderWaitsOnlyTheWindow() {
    GatheredReads<String, Outcome<String>> batches =
        new GatheredReads<>(fetch, Duration.ofMillis(5), 20);

    Map<String, Outcome<String>> answer = batches.read(List.of("only"));

    assertThat(answer).containsOnlyKeys("only");
    assertThat(calls).containsExactly(List.of("only"));
  }

  @Test
  void aReaderWithAFullBatchOfItsOwnDoesNotWait() {
    GatheredReads<String, Outcome<String>> batches =
        new GatheredReads<>(fetch, Duration.ofHours(1), 20);
    Collection<String> many = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      many.add("n" + i);
    }

    assertThat(batches.read(many)).hasSize(25);
    assertThat(calls).hasSize(1);
  }
}
