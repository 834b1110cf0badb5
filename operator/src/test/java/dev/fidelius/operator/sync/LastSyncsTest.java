package dev.fidelius.operator.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LastSyncsTest {

  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

  private static SyncRequest request(String uid) {
    return new SyncRequest("ns", "app", uid, null, null, Optional.empty(), Map.of(), null);
  }

  @Test
  void aSyncThisProcessDidWinsOverAnOlderStatus() {
    LastSyncs syncs = new LastSyncs();
    PriorSync recorded = new PriorSync(Map.of("db", "v3"), T0.plusSeconds(5));
    syncs.record(request("u1"), recorded);

    PriorSync staleStatus = new PriorSync(Map.of("db", "v2"), T0);
    assertThat(syncs.newest(request("u1"), staleStatus)).isEqualTo(recorded);
  }

  @Test
  void aStatusAsNewOrNewerWins() {
    LastSyncs syncs = new LastSyncs();
    syncs.record(request("u1"), new PriorSync(Map.of("db", "v3"), T0));

    PriorSync status = new PriorSync(Map.of("db", "v4"), T0.plusSeconds(1));
    assertThat(syncs.newest(request("u1"), status)).isEqualTo(status);
  }

  @Test
  void aResourceRecreatedUnderTheSameNameStartsFromItsStatus() {
    LastSyncs syncs = new LastSyncs();
    syncs.record(request("old-uid"), new PriorSync(Map.of("db", "v3"), T0.plusSeconds(5)));

    assertThat(syncs.newest(request("new-uid"), PriorSync.NONE)).isEqualTo(PriorSync.NONE);
  }

  @Test
  void aDeletedResourceIsForgotten() {
    LastSyncs syncs = new LastSyncs();
    syncs.record(request("u1"), new PriorSync(Map.of("db", "v3"), T0.plusSeconds(5)));
    syncs.forget("ns", "app");

    assertThat(syncs.newest(request("u1"), PriorSync.NONE)).isEqualTo(PriorSync.NONE);
  }
}
