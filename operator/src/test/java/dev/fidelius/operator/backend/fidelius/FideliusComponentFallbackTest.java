package dev.fidelius.operator.backend.fidelius;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.operator.backend.ErrorKind;
import dev.fidelius.operator.backend.Outcome;
import dev.fidelius.operator.backend.SecretScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FideliusComponentFallbackTest {

  private static final SecretScope WITH_COMPONENT = new SecretScope("app", "web", "dev");
  private static final SecretScope WITHOUT = WITH_COMPONENT.withoutComponent();

  private final List<SecretScope> asked = new ArrayList<>();

  @Test
  void aMissingComponentSecretFallsBackToTheApplicationsSecret() {
    Outcome<String> found =
        new ComponentFallback(true)
            .lookup(
                WITH_COMPONENT,
                answers(
                    Map.of(
                        WITH_COMPONENT,
                            Outcome.failed(ErrorKind.NOT_FOUND, "APP.web.dev.x does not exist"),
                        WITHOUT, Outcome.ok("shared"))));

    assertThat(found).isEqualTo(Outcome.ok("shared"));
    assertThat(asked).containsExactly(WITH_COMPONENT, WITHOUT);
  }

  @Test
  void theComponentsOwnSecretWins() {
    Outcome<String> found =
        new ComponentFallback(true)
            .lookup(
                WITH_COMPONENT,
                answers(Map.of(WITH_COMPONENT, Outcome.ok("own"), WITHOUT, Outcome.ok("shared"))));

    assertThat(found).isEqualTo(Outcome.ok("own"));
    assertThat(asked).containsExactly(WITH_COMPONENT);
  }

  @Test
  void answersAboutTheItemFallBackAsInTheSdk() {
    for (ErrorKind kind :
        List.of(
            ErrorKind.NOT_FOUND,
            ErrorKind.ACCESS_DENIED,
            ErrorKind.DECRYPT_FAILED,
            ErrorKind.INTEGRITY_ERROR,
            ErrorKind.MALFORMED,
            ErrorKind.UNSUPPORTED)) {
      Outcome<String> found =
          new ComponentFallback(true)
              .lookup(
                  WITH_COMPONENT,
                  answers(
                      Map.of(
                          WITH_COMPONENT,
                          Outcome.failed(kind, "component"),
                          WITHOUT,
                          Outcome.ok("shared"))));
      assertThat(found).as("%s", kind).isEqualTo(Outcome.ok("shared"));
    }
  }

  @Test
  void aStoreThatCouldNotAnswerDoesNotFlipToTheApplicationsSecret() {
    for (ErrorKind kind : List.of(ErrorKind.THROTTLED, ErrorKind.UNAVAILABLE)) {
      Outcome<String> found =
          new ComponentFallback(true)
              .lookup(
                  WITH_COMPONENT,
                  answers(
                      Map.of(
                          WITH_COMPONENT,
                          Outcome.failed(kind, "APP.web.dev.x: Query failed"),
                          WITHOUT,
                          Outcome.ok("shared"))));
      assertThat(found.error().kind()).isEqualTo(kind);
    }
  }

  @Test
  void neverTheOtherWayRound() {
    new ComponentFallback(true)
        .lookup(
            WITHOUT,
            answers(
                Map.of(WITHOUT, Outcome.failed(ErrorKind.NOT_FOUND, "APP.dev.x does not exist"))));

    assertThat(asked).containsExactly(WITHOUT);
  }

  @Test
  void canBeSwitchedOff() {
    Outcome<String> found =
        new ComponentFallback(false)
            .lookup(
                WITH_COMPONENT,
                answers(
                    Map.of(
                        WITH_COMPONENT,
                            Outcome.failed(ErrorKind.NOT_FOUND, "APP.web.dev.x does not exist"),
                        WITHOUT, Outcome.ok("shared"))));

    assertThat(found.error().kind()).isEqualTo(ErrorKind.NOT_FOUND);
    assertThat(asked).containsExactly(WITH_COMPONENT);
  }

  @Test
  void whenBothFailTheComponentsProblemIsReportedUnlessItWasOnlyMissing() {
    Outcome<String> denied =
        new ComponentFallback(true)
            .lookup(
                WITH_COMPONENT,
                answers(
                    Map.of(
                        WITH_COMPONENT,
                            Outcome.failed(ErrorKind.ACCESS_DENIED, "APP.web.dev.x: KMS refused"),
                        WITHOUT, Outcome.failed(ErrorKind.NOT_FOUND, "APP.dev.x does not exist"))));
    assertThat(denied.error().kind()).isEqualTo(ErrorKind.ACCESS_DENIED);
    assertThat(denied.error().message())
        .contains("APP.web.dev.x: KMS refused")
        .contains("APP.dev.x does not exist");

    Outcome<String> missing =
        new ComponentFallback(true)
            .lookup(
                WITH_COMPONENT,
                answers(
                    Map.of(
                        WITH_COMPONENT,
                            Outcome.failed(ErrorKind.NOT_FOUND, "APP.web.dev.x does not exist"),
                        WITHOUT,
                            Outcome.failed(
                                ErrorKind.INTEGRITY_ERROR, "APP.dev.x v2: HMAC mismatch"))));
    assertThat(missing.error().kind()).isEqualTo(ErrorKind.INTEGRITY_ERROR);
  }

  private java.util.function.Function<SecretScope, Outcome<String>> answers(
      Map<SecretScope, Outcome<String>> byScope) {
    return scope -> {
      asked.add(scope);
      return byScope.get(scope);
    };
  }
}
