package dev.fidelius.e2e.support;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Watches synced Secrets through every fault and counts data loss. For each Secret the test
 * declares the data it may hold, in order ({@link #expect}: the first sync, then each rotation,
 * declared before the rotation is written to AWS). Every few hundred milliseconds all Secrets of
 * the namespace are listed and each one must hold one of its declared states, never an earlier one
 * than it already held, and must not disappear once synced. Anything else (missing, blanked, a key
 * gone, unknown data, a regression) is data lost. While the API server is down nothing can be read,
 * and nothing is counted.
 */
public final class SecretWatchdog implements AutoCloseable {

  private final KubernetesClient client;
  private final String namespace;
  private final Map<String, List<Map<String, String>>> expected = new ConcurrentHashMap<>();
  private final Map<String, Integer> highestSeen = new ConcurrentHashMap<>();
  private final List<String> violations = new CopyOnWriteArrayList<>();
  private final AtomicLong checks = new AtomicLong();
  private final Thread thread;
  private volatile boolean running = true;

  public SecretWatchdog(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
    this.thread = new Thread(this::loop, "secret-watchdog-" + namespace);
    this.thread.setDaemon(true);
    this.thread.start();
  }

  /** Declares the next data a Secret may hold (keys -> plain values). */
  public void expect(String secret, Map<String, String> data) {
    expected.computeIfAbsent(secret, k -> new CopyOnWriteArrayList<>()).add(new TreeMap<>(data));
  }

  /** Whether the Secret now holds the latest declared data. */
  public boolean holdsLatest(String secret) {
    List<Map<String, String>> states = expected.get(secret);
    Integer seen = highestSeen.get(secret);
    return states != null && seen != null && seen == states.size() - 1;
  }

  public long checks() {
    return checks.get();
  }

  public int secrets() {
    return expected.size();
  }

  /** Descriptions of every loss seen (names and keys only, never values). */
  public List<String> violations() {
    return List.copyOf(violations);
  }

  /**
   * One pass now, on the caller's thread. Passes never overlap: each lists after the previous one
   * finished, so an older listing can never be judged after a newer one (which would look like a
   * regression).
   */
  public synchronized void checkNow() {
    Map<String, Secret> byName = new TreeMap<>();
    for (Secret s : client.secrets().inNamespace(namespace).list().getItems()) {
      byName.put(s.getMetadata().getName(), s);
    }
    expected.forEach((name, states) -> check(name, states, byName.get(name)));
  }

  private void check(String name, List<Map<String, String>> states, Secret secret) {
    Integer seen = highestSeen.get(name);
    if (secret == null) {
      if (seen != null) {
        checks.incrementAndGet();
        violation(name + " disappeared after it was synced");
      }
      return; // not created yet
    }
    Map<String, String> data = decode(secret);
    int index = -1;
    for (int i = states.size() - 1; i >= 0; i--) {
      if (states.get(i).equals(data)) {
        index = i;
        break;
      }
    }
    checks.incrementAndGet();
    if (index < 0) {
      violation(
          name
              + " holds data that was never synced to it (keys "
              + data.keySet()
              + ", expected keys "
              + states.get(states.size() - 1).keySet()
              + ")");
      return;
    }
    if (seen != null && index < seen) {
      violation(name + " went back from state " + seen + " to state " + index);
      return;
    }
    highestSeen.put(name, index);
  }

  private void violation(String what) {
    if (violations.size() < 200 && !violations.contains(what)) {
      violations.add(what);
    }
  }

  private static Map<String, String> decode(Secret secret) {
    Map<String, String> out = new TreeMap<>();
    if (secret.getData() != null) {
      secret
          .getData()
          .forEach(
              (k, v) ->
                  out.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
    }
    return out;
  }

  private void loop() {
    while (running) {
      try {
        checkNow();
      } catch (RuntimeException e) {
        // the API server is restarting: nothing to read, nothing counted
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Stops watching after a last pass; returns the number of losses. */
  public int finish() {
    running = false;
    thread.interrupt();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    checkNow();
    return violations.size();
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
  }

  /** Names of the watched Secrets. */
  public List<String> names() {
    return new ArrayList<>(expected.keySet());
  }
}
