package dev.fidelius.e2e.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.e2e.support.Cluster;
import dev.fidelius.e2e.support.OperatorProcess;
import dev.fidelius.e2e.support.SecrecyAudit;
import dev.fidelius.e2e.support.SecretWatchdog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one scenario did and found: the faults it injected, the Secret watchdogs that checked for
 * data loss throughout, and, at the end, the secrecy audit of its operator logs and of everything
 * in the cluster the operator writes besides Secrets. {@link #finish} adds the scenario's row to
 * the {@link SuiteReport} and asserts no data was lost and no value leaked.
 */
final class ScenarioLedger {

  private final String scenario;
  private final long started = System.nanoTime();
  private final List<String> faults = new ArrayList<>();
  private final List<SecretWatchdog> watchdogs = new ArrayList<>();
  private boolean finished;

  ScenarioLedger(String scenario) {
    this.scenario = scenario;
  }

  SecretWatchdog watch(SecretWatchdog watchdog) {
    watchdogs.add(watchdog);
    return watchdog;
  }

  void fault(String description) {
    faults.add(description);
  }

  /**
   * Every operator log of the run so far (this scenario's and all before it) and everything the
   * operators wrote into the cluster besides Secrets: Events and the status of every FideliusSecret
   * and store.
   */
  static Map<String, String> wholeRunTexts(Cluster kube) {
    Map<String, String> texts = new LinkedHashMap<>();
    for (OperatorProcess p : OperatorProcess.allStarted()) {
      texts.put("log of " + p.name() + " (" + p.logFile().getFileName() + ")", p.log());
    }
    texts.putAll(kube.operatorWrittenTexts());
    return texts;
  }

  /**
   * Stops the watchdogs, audits secrecy over the whole run so far, records the row; fails on any
   * loss or leak.
   */
  void finish(Cluster kube) {
    if (finished) {
      return;
    }
    finished = true;
    int secrets = 0;
    long checks = 0;
    List<String> losses = new ArrayList<>();
    for (SecretWatchdog w : watchdogs) {
      try {
        w.finish();
      } catch (RuntimeException e) {
        losses.add("final check failed: " + e.getClass().getSimpleName());
      }
      secrets += w.secrets();
      checks += w.checks();
      losses.addAll(w.violations());
    }
    List<String> leaks = SecrecyAudit.scan(wholeRunTexts(kube));
    SuiteReport.add(
        new SuiteReport.Row(
            scenario,
            faults.isEmpty() ? "none" : String.join("; ", faults),
            secrets,
            checks,
            losses.size(),
            Duration.ofNanos(System.nanoTime() - started)));
    assertThat(losses).as("Secrets that lost data in " + scenario).isEmpty();
    assertThat(leaks)
        .as("seeded values found in logs, Events or statuses in " + scenario)
        .isEmpty();
  }
}
