package dev.fidelius.e2e.faults;

import dev.fidelius.e2e.support.E2eWorld;
import dev.fidelius.e2e.support.OperatorProcess;
import dev.fidelius.e2e.support.SecrecyAudit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The figures of the fault-tolerance suite: one row per scenario (faults injected, Secrets checked,
 * data lost), printed as a table to stdout when the test run ends, and written to {@code
 * e2e/target/e2e-faults/summary.md}. Scenario classes register it with {@code @ExtendWith}.
 */
public final class SuiteReport implements BeforeAllCallback {

  /** One scenario's figures. */
  public record Row(
      String scenario, String faults, int secrets, long checks, long dataLost, Duration took) {}

  private static final List<Row> ROWS = new CopyOnWriteArrayList<>();
  private static final long STARTED = System.nanoTime();

  public static void add(Row row) {
    ROWS.add(row);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    context
        .getRoot()
        .getStore(ExtensionContext.Namespace.create(SuiteReport.class))
        .getOrComputeIfAbsent(
            "printer", k -> (ExtensionContext.Store.CloseableResource) SuiteReport::print);
  }

  static String table() {
    StringBuilder sb = new StringBuilder();
    sb.append("| scenario | faults injected | Secrets checked | data lost |\n");
    sb.append("|---|---|---|---|\n");
    long lost = 0;
    for (Row r : ROWS) {
      sb.append("| ")
          .append(r.scenario())
          .append(" (")
          .append(r.took().toSeconds())
          .append(" s)")
          .append(" | ")
          .append(r.faults())
          .append(" | ")
          .append(r.secrets())
          .append(" Secrets, ")
          .append(String.format(Locale.ROOT, "%,d", r.checks()))
          .append(" checks")
          .append(" | ")
          .append(r.dataLost())
          .append(" |\n");
      lost += r.dataLost();
    }
    Audit audit = finalAudit();
    sb.append("| Secrecy audit, whole run | none | ")
        .append(SecrecyAudit.seededCount())
        .append(" seeded values (raw and base64) searched in ")
        .append(audit.describe())
        .append(" | ")
        .append(audit.leaks())
        .append(" leaks |\n");
    sb.append("\nTotal: ")
        .append(ROWS.size())
        .append(" scenarios, data lost ")
        .append(lost)
        .append(", leaks ")
        .append(audit.leaks())
        .append(", e2e time ")
        .append(Duration.ofNanos(System.nanoTime() - STARTED).toSeconds())
        .append(" s\n");
    return sb.toString();
  }

  /** The secrecy audit over everything of the run, redone at its end with every value seeded. */
  private record Audit(
      int logs, long logBytes, long events, long statuses, int leaks, String error) {
    String describe() {
      if (error != null) {
        return "(audit failed: " + error + ")";
      }
      return logs
          + " operator logs ("
          + logBytes / 1024
          + " KiB), "
          + events
          + " Events, "
          + statuses
          + " FideliusSecret/store statuses";
    }
  }

  private static Audit finalAudit() {
    try {
      Map<String, String> texts = ScenarioLedger.wholeRunTexts(E2eWorld.get().kube());
      long logBytes =
          texts.entrySet().stream()
              .filter(e -> e.getKey().startsWith("log of "))
              .mapToLong(e -> e.getValue().length())
              .sum();
      long events = texts.keySet().stream().filter(k -> k.startsWith("Event ")).count();
      long statuses = texts.keySet().stream().filter(k -> k.endsWith(" status")).count();
      List<String> leaks = SecrecyAudit.scan(texts);
      leaks.forEach(l -> System.out.println("[e2e] LEAK: " + l));
      return new Audit(
          OperatorProcess.allStarted().size(), logBytes, events, statuses, leaks.size(), null);
    } catch (RuntimeException e) {
      return new Audit(0, 0, 0, 0, 0, e.getClass().getSimpleName());
    }
  }

  private static void print() {
    if (ROWS.isEmpty()) {
      return;
    }
    String table = table();
    System.out.println("\n=== Fidelius operator: end-to-end fault-tolerance summary ===\n" + table);
    try {
      Path dir = Files.createDirectories(ProjectRoot.get().resolve("e2e/target/e2e-faults"));
      Files.writeString(
          dir.resolve("summary.md"), "# End-to-end fault-tolerance summary\n\n" + table);
    } catch (IOException e) {
      System.err.println("[e2e] could not write the summary file: " + e);
    }
  }

  /** The project root without starting the world. */
  private static final class ProjectRoot {
    static Path get() {
      String root = System.getProperty("fidelius.project.root");
      return root != null
          ? Path.of(root).toAbsolutePath().normalize()
          : Path.of("..").toAbsolutePath().normalize();
    }
  }
}
