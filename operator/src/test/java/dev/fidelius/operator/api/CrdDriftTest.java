package dev.fidelius.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The CRDs in crds/ are what users apply with kubectl and what the chart installs: they must match
 * the Java classes. Run with {@code -Dfidelius.crds.update=true} to regenerate them after changing
 * an API class.
 */
class CrdDriftTest {

  @Test
  void checkedInCrdsMatchTheApiClasses() throws IOException {
    boolean update = Boolean.getBoolean("fidelius.crds.update");
    for (var kind : CrdManifests.KINDS) {
      String expected = CrdManifests.expected(kind);
      Path file = CrdManifests.checkedIn(kind);
      if (update) {
        Files.writeString(file, expected);
      }
      assertThat(file).as("%s exists; regenerate with -Dfidelius.crds.update=true", file).exists();
      assertThat(Files.readString(file))
          .as(
              "%s drifted from the API classes; regenerate with"
                  + " mvn -pl operator test -Dtest=CrdDriftTest -Dfidelius.crds.update=true",
              file)
          .isEqualTo(expected);
    }
  }

  @Test
  void printerColumnsComeInTheDocumentedOrder() throws IOException {
    String fsec = Files.readString(CrdManifests.checkedIn(FideliusSecret.class));
    int ready = fsec.indexOf("name: Ready");
    int reason = fsec.indexOf("name: Reason");
    int store = fsec.indexOf("name: Store");
    int app = fsec.indexOf("name: App");
    int sdlc = fsec.indexOf("name: SDLC");
    int lastSync = fsec.indexOf("name: Last Sync");
    int age = fsec.indexOf("name: Age");
    assertThat(new int[] {ready, reason, store, app, sdlc, lastSync, age})
        .isSorted()
        .doesNotContain(-1);
  }
}
