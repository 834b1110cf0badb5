package dev.fidelius.operator.backend;

import dev.fidelius.operator.memory.SharedStrings;
import java.util.Objects;
import java.util.Optional;

/**
 * The Fidelius coordinates that group secrets: an application, an optional component and an SDLC
 * (software development life-cycle stage, such as {@code dev} or {@code prod}).
 *
 * <p>Values are kept as given; each backend applies its own case rules (the Fidelius store
 * upper-cases the application and lower-cases the rest). None of the three may contain a dot,
 * because the dot separates them in a full secret name.
 */
public record SecretScope(String application, String component, String sdlc) {

  public SecretScope {
    requireSegment("application", application);
    requireSegment("sdlc", sdlc);
    if (component != null && component.isEmpty()) {
      component = null; // Fidelius treats an empty component as none.
    }
    if (component != null) {
      requireSegment("component", component);
    }
    application = SharedStrings.of(application); // held by every resource reading the scope
    component = SharedStrings.of(component);
    sdlc = SharedStrings.of(sdlc);
  }

  public static SecretScope of(String application, String sdlc) {
    return new SecretScope(application, null, sdlc);
  }

  public Optional<String> componentIfAny() {
    return Optional.ofNullable(component);
  }

  /** The same scope without its component: where the Fidelius SDK falls back to. */
  public SecretScope withoutComponent() {
    return component == null ? this : new SecretScope(application, null, sdlc);
  }

  private static void requireSegment(String what, String value) {
    Objects.requireNonNull(value, what + " is required");
    if (value.isBlank()) {
      throw new IllegalArgumentException(what + " must not be blank");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '.' || Character.isWhitespace(c)) {
        throw new IllegalArgumentException(
            what + " must not contain dots or whitespace: '" + value + "'");
      }
    }
  }

  @Override
  public String toString() {
    return component == null
        ? application + "/" + sdlc
        : application + "/" + component + "/" + sdlc;
  }
}
