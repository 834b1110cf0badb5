package dev.fidelius.operator.backend.fidelius;

import dev.fidelius.operator.backend.FideliusCase;
import dev.fidelius.operator.backend.SecretScope;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Fidelius's naming rules: the full item name {@code A[.C].S.short} (the component comes before the
 * SDLC) and the matching KMS encryption context.
 *
 * <p>Case mapping is ASCII-only and independent of the JVM's locale: under a Turkish default locale
 * {@code "dev".toUpperCase()} is {@code "DEV"} but {@code "id".toUpperCase()} is {@code "İD"},
 * which would name a different item and a different encryption context than every other reader and
 * writer.
 */
public final class FideliusNames {

  /** Items whose name starts with this are Fidelius metadata records, never secrets. */
  public static final String METADATA_PREFIX = "META#";

  private final ContextKeys contextKeys;

  public FideliusNames(ContextKeys contextKeys) {
    this.contextKeys = Objects.requireNonNull(contextKeys, "contextKeys");
  }

  /** The item name and encryption context of one secret of a scope. */
  public FideliusName nameOf(SecretScope scope, String shortName) {
    Objects.requireNonNull(shortName, "shortName");
    String application = upperAscii(scope.application());
    String sdlc = lowerAscii(scope.sdlc());
    String component = scope.componentIfAny().map(FideliusNames::lowerAscii).orElse(null);

    Map<String, String> context = new LinkedHashMap<>();
    context.put(contextKeys.application(), application);
    context.put(contextKeys.sdlc(), sdlc);
    if (component != null) {
      context.put(contextKeys.component(), component);
    }
    return new FideliusName(prefixOf(scope) + shortName, application, component, sdlc, context);
  }

  /** {@code A.C.S.} or {@code A.S.}: what every full name of the scope starts with. */
  String prefixOf(SecretScope scope) {
    StringBuilder prefix = new StringBuilder(upperAscii(scope.application())).append('.');
    scope.componentIfAny().ifPresent(c -> prefix.append(lowerAscii(c)).append('.'));
    return prefix.append(lowerAscii(scope.sdlc())).append('.').toString();
  }

  /**
   * {@code A.}: what every full name of the scope's application starts with, whatever its
   * component.
   */
  String applicationPrefixOf(SecretScope scope) {
    return upperAscii(scope.application()) + ".";
  }

  public static boolean isMetadataName(String fullName) {
    return fullName.startsWith(METADATA_PREFIX);
  }

  public static String upperAscii(String s) {
    return FideliusCase.upper(s);
  }

  public static String lowerAscii(String s) {
    return FideliusCase.lower(s);
  }
}
