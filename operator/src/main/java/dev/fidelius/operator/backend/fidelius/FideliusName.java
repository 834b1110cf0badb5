package dev.fidelius.operator.backend.fidelius;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where one secret lives in a Fidelius store: its full item name and the KMS encryption context its
 * data keys are bound to, with the normalized segments Fidelius also writes as the {@code sdlc} and
 * {@code component} attributes.
 *
 * @param fullName {@code A.C.S.short}, or {@code A.S.short} without a component
 * @param application the upper-cased application
 * @param component the lower-cased component, or null when there is none
 * @param sdlc the lower-cased SDLC
 * @param encryptionContext the KMS encryption context, in Fidelius's key order
 */
public record FideliusName(
    String fullName,
    String application,
    String component,
    String sdlc,
    Map<String, String> encryptionContext) {

  public FideliusName {
    Objects.requireNonNull(fullName, "fullName");
    Objects.requireNonNull(application, "application");
    Objects.requireNonNull(sdlc, "sdlc");
    // Order kept (Application, SDLC, Component) so that messages show the context as Fidelius
    // writes it.
    encryptionContext = Collections.unmodifiableMap(new LinkedHashMap<>(encryptionContext));
  }

  public Optional<String> componentIfAny() {
    return Optional.ofNullable(component);
  }

  @Override
  public String toString() {
    return fullName;
  }
}
