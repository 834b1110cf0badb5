package dev.fidelius.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.operator.testsupport.ManualClock;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class InitialListAddsTest {

  private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

  @Test
  void anAddOfAVersionTheCachesHeldWhenReconcilingBeganIsDroppedOnce() {
    InitialListAdds adds = new InitialListAdds(Clock.fixed(T0, ZoneOffset.UTC));
    Namespace listed = ns("uid-1", "10");
    adds.noteOnce(() -> Stream.of(listed));

    assertThat(adds.isNews(ns("uid-1", "10"))).as("the initial list's late ADD").isFalse();
    assertThat(adds.isNews(ns("uid-1", "10"))).as("the same again: the note went").isTrue();
    assertThat(adds.pending()).isZero();
  }

  @Test
  void anythingElsePasses() {
    InitialListAdds adds = new InitialListAdds(Clock.fixed(T0, ZoneOffset.UTC));
    adds.noteOnce(() -> Stream.of(ns("uid-1", "10"), ns("uid-2", "11")));

    assertThat(adds.isNews(ns("uid-3", "12"))).as("an object created since").isTrue();
    assertThat(adds.isNews(ns("uid-1", "13"))).as("a newer version of a noted object").isTrue();
    assertThat(adds.isNews(new NamespaceBuilder().build())).as("no metadata to match").isTrue();
    assertThat(adds.pending()).as("uid-2's ADD has not come; uid-1's note stays").isEqualTo(2);
  }

  @Test
  void anAddBeforeTheNoteIsDroppedAndLeftOutOfTheNote() {
    InitialListAdds adds = new InitialListAdds(Clock.fixed(T0, ZoneOffset.UTC));

    assertThat(adds.isNews(ns("uid-1", "10")))
        .as("no reconcile has begun; the first reads the cache that holds it")
        .isFalse();
    assertThat(adds.isNews(ns("uid-2", "11"))).isFalse();
    adds.noteOnce(() -> Stream.of(ns("uid-1", "10"), ns("uid-2", "12"), ns("uid-3", "13")));

    assertThat(adds.pending())
        .as("uid-1's ADD came already; uid-2 changed since its early ADD; uid-3's is to come")
        .isEqualTo(2);
    assertThat(adds.isNews(ns("uid-1", "10"))).as("not in the note: passes").isTrue();
    assertThat(adds.isNews(ns("uid-2", "12"))).isFalse();
    assertThat(adds.isNews(ns("uid-3", "13"))).isFalse();
    assertThat(adds.pending()).isZero();
  }

  @Test
  void theCachesAreNotedOnce() {
    InitialListAdds adds = new InitialListAdds(Clock.fixed(T0, ZoneOffset.UTC));
    AtomicInteger listings = new AtomicInteger();

    for (int i = 0; i < 3; i++) {
      adds.noteOnce(
          () -> {
            listings.incrementAndGet();
            return Stream.<HasMetadata>of(ns("uid-" + listings.get(), "10"));
          });
    }

    assertThat(listings).hasValue(1);
    assertThat(adds.pending()).isEqualTo(1);
  }

  @Test
  void theNoteIsForgottenAfterItsKeepTime() {
    ManualClock clock = new ManualClock();
    InitialListAdds adds = new InitialListAdds(clock);
    adds.noteOnce(() -> Stream.of(ns("uid-1", "10"), ns("uid-2", "11")));

    clock.advance(InitialListAdds.KEEP.plusSeconds(1));

    assertThat(adds.isNews(ns("uid-1", "10"))).isTrue();
    assertThat(adds.pending()).isZero();
  }

  private static Namespace ns(String uid, String version) {
    return new NamespaceBuilder()
        .withNewMetadata()
        .withName("ns-" + uid)
        .withUid(uid)
        .withResourceVersion(version)
        .endMetadata()
        .build();
  }
}
