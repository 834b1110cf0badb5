package dev.fidelius.operator.backend.fidelius;

import java.util.Objects;
import java.util.Set;

/**
 * The names of the three KMS encryption-context keys. Fidelius calls them {@code Application},
 * {@code SDLC} and {@code Component}, but installations can rename them ({@code
 * FID_CONTEXT_APPLICATION}, {@code FID_CONTEXT_SDLC}, {@code FID_CONTEXT_COMPONENT}); the context
 * is what KMS key policies grant decryption on, so a reader must use exactly the names the writer
 * used.
 */
public record ContextKeys(String application, String sdlc, String component) {

  public static final ContextKeys FIDELIUS_DEFAULTS =
      new ContextKeys("Application", "SDLC", "Component");

  public ContextKeys {
    requireName("application", application);
    requireName("sdlc", sdlc);
    requireName("component", component);
    if (Set.of(application, sdlc, component).size() != 3) {
      throw new IllegalArgumentException(
          "encryption context keys must be distinct: "
              + application
              + ", "
              + sdlc
              + ", "
              + component);
    }
  }

  private static void requireName(String what, String name) {
    Objects.requireNonNull(name, what + " context key is required");
    if (name.isBlank()) {
      throw new IllegalArgumentException(what + " context key must not be blank");
    }
  }
}
