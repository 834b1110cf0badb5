package dev.fidelius.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.operator.api.FideliusSecretStatus;
import dev.fidelius.operator.api.SourceItemStatus;
import dev.fidelius.operator.backend.BackendError;
import dev.fidelius.operator.backend.ErrorKind;
import dev.fidelius.operator.sync.SourceResult;
import dev.fidelius.operator.sync.SyncReport;
import dev.fidelius.operator.target.WriteResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Per-item status: what the Secret holds of each source, and whether it is Synced, Pending or
 * failed.
 */
class ItemStatusProjectionTest {

  private static final Instant T0 = Instant.parse("2024-06-01T12:00:00Z");
  private static final Instant WRITTEN_ON = Instant.parse("2024-05-30T08:15:42.123Z");

  @Test
  void aWrittenSyncShowsVersionAuthorAndChangeTimePerSource() {
    FideliusSecretStatus next =
        project(
            new FideliusSecretStatus(),
            written(List.of(read("db_password", "3", "Ops/jane"), read("api_key", "1", null))));

    assertThat(next.getItemsSummary()).isEqualTo("2/2");
    assertThat(next.getItemsOmitted()).isNull();
    assertThat(next.getItems())
        .first()
        .satisfies(
            i -> {
              assertThat(i.getSource()).isEqualTo("data");
              assertThat(i.getName()).isEqualTo("db_password");
              assertThat(i.getKeys()).containsExactly("db_password");
              assertThat(i.getVersion()).isEqualTo("3");
              assertThat(i.getUpdatedOn()).isEqualTo("2024-05-30T08:15:42Z");
              assertThat(i.getUpdatedBy()).isEqualTo("Ops/jane");
              assertThat(i.getState()).isEqualTo("Synced");
              assertThat(i.getMessage()).isNull();
            });
  }

  @Test
  void aPartialFailureIsVisiblePerItemAndKeepsWhatTheSecretHolds() {
    FideliusSecretStatus before =
        project(
            new FideliusSecretStatus(),
            written(
                List.of(
                    read("db_password", "3", "Ops/jane"),
                    read("api_key", "1", null),
                    read("token", "7", null))));

    FideliusSecretStatus after =
        project(
            before,
            notWritten(
                List.of(
                    read("db_password", "4", "Ops/joe"),
                    failed("api_key", ErrorKind.ACCESS_DENIED),
                    read("token", "7", null))));

    assertThat(after.getItemsSummary()).isEqualTo("1/3");
    List<SourceItemStatus> items = after.getItems();
    assertThat(items.get(0))
        .as("rotated but not written: the Secret keeps version 3")
        .satisfies(
            i -> {
              assertThat(i.getState()).isEqualTo("Pending");
              assertThat(i.getVersion()).isEqualTo("3");
              assertThat(i.getUpdatedBy()).isEqualTo("Ops/jane");
              assertThat(i.getMessage()).contains("version 4 read");
            });
    assertThat(items.get(1))
        .satisfies(
            i -> {
              assertThat(i.getState()).isEqualTo("AccessDenied");
              assertThat(i.getMessage()).isEqualTo("denied api_key");
              assertThat(i.getVersion()).as("the Secret still holds version 1").isEqualTo("1");
            });
    assertThat(items.get(2).getState()).isEqualTo("Synced");
  }

  @Test
  void itemsAreBoundedWithACountOfTheRest() {
    List<SourceResult> many = new ArrayList<>();
    IntStream.range(0, 300).forEach(n -> many.add(read("s" + n, "1", null)));

    FideliusSecretStatus next = project(new FideliusSecretStatus(), written(many));

    assertThat(next.getItems()).hasSize(250);
    assertThat(next.getItemsOmitted()).isEqualTo(50);
    assertThat(next.getItemsSummary()).isEqualTo("300/300");
  }

  @Test
  void keysAndStoreTextAreBounded() {
    TreeSet<String> keys = new TreeSet<>();
    IntStream.range(0, 25).forEach(n -> keys.add("k" + (100 + n)));
    SourceResult wide =
        new SourceResult(
            "dataFrom.extract", "json", keys, "1", null, "evil\nname" + "x".repeat(400), null);

    SourceItemStatus item =
        project(new FideliusSecretStatus(), written(List.of(wide))).getItems().get(0);

    assertThat(item.getKeys()).hasSize(20).startsWith("k100");
    assertThat(item.getKeysOmitted()).isEqualTo(5);
    assertThat(item.getUpdatedBy()).doesNotContain("\n").hasSizeLessThanOrEqualTo(260);
  }

  @Test
  void anUnchangedRefreshNeedsNoStatusWrite() {
    List<SourceResult> sources = List.of(read("db_password", "3", "Ops/jane"));
    FideliusSecretStatus before =
        StatusProjection.next(new FideliusSecretStatus(), written(sources), 1L, T0);

    FideliusSecretStatus after =
        StatusProjection.next(before, written(sources), 1L, T0.plusSeconds(60));

    assertThat(StatusProjection.differs(before, after, Duration.ofMinutes(5), T0.plusSeconds(60)))
        .isFalse();
  }

  @Test
  void aFailureBeforeReadingKeepsThePreviousItems() {
    FideliusSecretStatus before =
        project(new FideliusSecretStatus(), written(List.of(read("db", "3", null))));

    FideliusSecretStatus after =
        project(
            before,
            SyncReport.failure("StoreNotReady", "no store", true, Duration.ofMinutes(5), "app"));

    assertThat(after.getItems()).isEqualTo(before.getItems());
    assertThat(after.getItemsSummary()).isEqualTo("1/1");
  }

  private static FideliusSecretStatus project(FideliusSecretStatus previous, SyncReport report) {
    FideliusSecretStatus next = new FideliusSecretStatus();
    ItemStatusProjection.project(previous, report, next);
    return next;
  }

  private static SyncReport written(List<SourceResult> sources) {
    return new SyncReport(
        true,
        "Synced",
        "ok",
        false,
        Duration.ofMinutes(5),
        "app",
        Map.of(),
        "hash",
        new WriteResult(WriteResult.Kind.UNCHANGED, "current"),
        null,
        Optional.empty(),
        sources);
  }

  private static SyncReport notWritten(List<SourceResult> sources) {
    return SyncReport.failure("AccessDenied", "kept", false, Duration.ofMinutes(5), "app")
        .withSources(sources);
  }

  private static SourceResult read(String name, String version, String by) {
    return new SourceResult(
        "data", name, new TreeSet<>(List.of(name)), version, WRITTEN_ON, by, null);
  }

  private static SourceResult failed(String name, ErrorKind kind) {
    return new SourceResult(
        "data",
        name,
        new TreeSet<>(List.of(name)),
        null,
        null,
        null,
        BackendError.of(kind, "denied " + name));
  }
}
