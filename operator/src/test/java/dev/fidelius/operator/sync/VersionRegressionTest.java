package dev.fidelius.operator.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.operator.backend.BackendError;
import dev.fidelius.operator.backend.ErrorKind;
import dev.fidelius.operator.backend.SecretValue;
import dev.fidelius.operator.backend.ServingRegion;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VersionRegressionTest {

  private static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");
  private static final ServingRegion WEST = new ServingRegion("us-west-2", T0, false);
  private static final ServingRegion EAST = new ServingRegion("us-east-1", T0, true);

  @Test
  void anOlderFideliusVersionReadInAFailoverRegionIsRefused() {
    PriorSync prior = new PriorSync(Map.of("db", "0000000000000000005"), T0, Map.of(), "us-east-1");
    Optional<BackendError> refused =
        new VersionRegression(prior, Optional.of(WEST)).check("db", value("4", null));
    assertThat(refused).isPresent();
    assertThat(refused.get().kind()).isEqualTo(ErrorKind.REPLICA_BEHIND);
    assertThat(refused.get().message())
        .contains("region us-west-2 serves version 4")
        .contains("older than version 0000000000000000005")
        .contains("read in us-east-1");
  }

  @Test
  void theSameOrANewerVersionIsTaken() {
    PriorSync prior = new PriorSync(Map.of("db", "5"), T0, Map.of(), "us-east-1");
    VersionRegression check = new VersionRegression(prior, Optional.of(WEST));
    assertThat(check.check("db", value("5", null))).isEmpty();
    assertThat(check.check("db", value("0000000000000000006", null))).isEmpty();
    assertThat(check.check("other", value("1", null))).as("never synced").isEmpty();
  }

  @Test
  void versionIdsAreOrderedByTheirCreationDate() {
    PriorSync prior = new PriorSync(Map.of("api", "id-new"), T0, Map.of("api", T0), "us-east-1");
    VersionRegression check = new VersionRegression(prior, Optional.of(WEST));
    assertThat(check.check("api", value("id-old", T0.minusSeconds(60)))).isPresent();
    assertThat(check.check("api", value("id-newer", T0.plusSeconds(60)))).isEmpty();
    assertThat(check.check("api", value("id-undated", null)))
        .as("nothing tells which is older")
        .isEmpty();
  }

  @Test
  void backInThePrimaryAfterAnOutageAnOlderVersionIsRefusedToo() {
    PriorSync prior = new PriorSync(Map.of("db", "8"), T0, Map.of(), "us-west-2");
    assertThat(new VersionRegression(prior, Optional.of(EAST)).check("db", value("7", null)))
        .isPresent();
  }

  @Test
  void aStoreReadInOneRegionMayGoBackAVersion() {
    PriorSync prior = new PriorSync(Map.of("db", "8"), T0, Map.of(), null);
    assertThat(new VersionRegression(prior, Optional.empty()).check("db", value("7", null)))
        .as("a store without failover regions: a rollback is the owner's decision")
        .isEmpty();
    assertThat(
            new VersionRegression(
                    new PriorSync(Map.of("db", "8"), T0, Map.of(), "us-east-1"), Optional.of(EAST))
                .check("db", value("7", null)))
        .as("the primary that also served the last sync")
        .isEmpty();
  }

  private static SecretValue value(String version, Instant updatedOn) {
    return SecretValue.text("db", version, "x", updatedOn);
  }
}
