package dev.fidelius.operator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.operator.aws.AwsCallCounter;
import dev.fidelius.operator.backend.ValueCache;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Per-FideliusSecret series in kube-state-metrics style, and their removal with the resource. */
class SecretConditionMetricsTest {

  private static final Instant SYNCED = Instant.parse("2026-01-02T03:04:05Z");

  private final OperatorMetrics metrics =
      new OperatorMetrics(new AwsCallCounter(), new ValueCache(1 << 20));

  @Test
  void theCurrentStatusIsOneAndTheOthersZero() {
    metrics.recordSecret(
        new SecretState("team-a", "db", "True", "Synced", SYNCED, Duration.ofMinutes(10)));

    assertThat(metrics.scrape())
        .contains(condition("True", "Synced") + " 1.0")
        .contains(condition("False", "Synced") + " 0.0")
        .contains(condition("Unknown", "Synced") + " 0.0")
        .contains(
            "fidelius_secret_last_sync_timestamp_seconds{name=\"db\",namespace=\"team-a\"} "
                + (double) SYNCED.getEpochSecond())
        .contains(
            "fidelius_secret_refresh_interval_seconds{name=\"db\",namespace=\"team-a\"} 600.0");
  }

  @Test
  void aFailureFlipsTheConditionAndKeepsTheLastSyncAndInterval() {
    metrics.recordSecret(
        new SecretState("team-a", "db", "True", "Synced", SYNCED, Duration.ofMinutes(10)));
    metrics.recordSecret(
        new SecretState(
            "team-a", "db", "False", "Throttled", SYNCED.minusSeconds(60), Duration.ofMinutes(5)));

    String scrape = metrics.scrape();

    assertThat(scrape)
        .contains(condition("False", "Throttled") + " 1.0")
        .contains(condition("True", "Throttled") + " 0.0")
        .doesNotContain("reason=\"Synced\"")
        .contains(
            "fidelius_secret_last_sync_timestamp_seconds{name=\"db\",namespace=\"team-a\"} "
                + (double) SYNCED.getEpochSecond())
        .contains(
            "fidelius_secret_refresh_interval_seconds{name=\"db\",namespace=\"team-a\"} 600.0");
  }

  @Test
  void aDeletedFideliusSecretLosesEverySeries() {
    Set<String> existing = new HashSet<>(Set.of("team-a/db", "team-a/api"));
    metrics.watchSecretExistence((ns, name) -> existing.contains(ns + "/" + name));
    metrics.recordSecret(new SecretState("team-a", "db", "True", "Synced", SYNCED, Duration.ZERO));
    metrics.recordSecret(
        new SecretState("team-a", "api", "False", "NotFound", null, Duration.ofHours(1)));
    assertThat(metrics.scrape()).contains("name=\"db\"").contains("name=\"api\"");

    existing.remove("team-a/db");

    assertThat(metrics.scrape()).doesNotContain("name=\"db\"").contains("name=\"api\"");
  }

  /**
   * The series are made at each scrape from one record per resource: no meter per FideliusSecret
   * stays registered (five of them cost about 3 KiB of heap a resource, for the process's life).
   */
  @Test
  void perResourceSeriesHoldNoMeterBetweenScrapes() {
    for (int i = 0; i < 100; i++) {
      metrics.recordSecret(
          new SecretState("team-a", "s" + i, "True", "Synced", SYNCED, Duration.ofMinutes(1)));
    }

    String scrape = metrics.scrape();

    assertThat(scrape.lines().filter(l -> l.startsWith("fidelius_secret_last_sync_timestamp")))
        .hasSize(100);
    assertThat(scrape.lines().filter(l -> l.startsWith("fidelius_secret_condition{"))).hasSize(300);
    assertThat(metrics.registry().getMeters())
        .noneMatch(m -> m.getId().getName().startsWith("fidelius_secret_"));
  }

  private static String condition(String status, String reason) {
    return "fidelius_secret_condition{condition=\"Ready\",name=\"db\",namespace=\"team-a\",reason=\""
        + reason
        + "\",status=\""
        + status
        + "\"}";
  }
}
