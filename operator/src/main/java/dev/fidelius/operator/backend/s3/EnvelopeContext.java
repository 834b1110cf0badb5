package dev.fidelius.operator.backend.s3;

import dev.fidelius.operator.backend.FideliusCase;
import dev.fidelius.operator.backend.SecretScope;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Fidelius encryption context of an envelope object ({@code encryptionContext: Fidelius}): the
 * keys Fidelius writes (see docs/fidelius-format.md), with the Fidelius case rules. One definition
 * for the reader that decrypts and the command line's writer that encrypts.
 */
public final class EnvelopeContext {

  static final String APPLICATION = "Application";
  static final String SDLC = "SDLC";
  static final String COMPONENT = "Component";

  private EnvelopeContext() {}

  public static Map<String, String> of(SecretScope scope) {
    Map<String, String> context = new LinkedHashMap<>();
    context.put(APPLICATION, FideliusCase.upper(scope.application()));
    context.put(SDLC, FideliusCase.lower(scope.sdlc()));
    scope.componentIfAny().ifPresent(c -> context.put(COMPONENT, FideliusCase.lower(c)));
    return context;
  }
}
