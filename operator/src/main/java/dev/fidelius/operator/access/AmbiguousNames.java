package dev.fidelius.operator.access;

import dev.fidelius.operator.api.AccessRule;
import dev.fidelius.operator.api.DataFromSource;
import dev.fidelius.operator.api.FideliusSecretSpec;
import dev.fidelius.operator.api.SecretDataItem;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Refuses Fidelius names that also name a secret of an SDLC the requester is not admitted to.
 *
 * <p>A Fidelius name is {@code APP.component.sdlc.name}, or {@code APP.sdlc.name} without a
 * component, and a short name may itself contain the separator. So {@code
 * PAYMENTS.prod.dev.api_key} is secret {@code api_key} of component {@code prod} in sdlc dev, and
 * just as well secret {@code dev.api_key} of sdlc prod; and {@code PAYMENTS.dev.prod.token} is
 * secret {@code prod.token} of sdlc dev, or secret {@code token} of component {@code dev} in sdlc
 * prod. Access rules grant SDLCs, so a tenant admitted to dev could choose component "prod", or a
 * short name starting "prod.", to name a production secret.
 *
 * <p>The Fidelius store settles this by itself: KMS refuses a data key under another encryption
 * context, and listings check the items' {@code sdlc} and {@code component} attributes. Secrets
 * Manager has only the name. Hence two checks: a component is checked for every store (a component
 * spelled like an SDLC is never worth the doubt, and the refusal names the cause where KMS would
 * only fail to decrypt); short names are checked only where {@code namesAreTheBoundary}.
 *
 * <p>Which words are SDLCs? Those the store's access rules name literally; a glob such as {@code *}
 * names none. A component, or the first segment of a short name without a component, that is such
 * an SDLC and one the requester is not admitted to (for the same application) makes the name
 * ambiguous.
 */
public final class AmbiguousNames {

  private final Set<String> knownSdlcs;
  private final Predicate<String> deniedSdlc;
  private final Predicate<String> admittedSdlc;
  private final char separator;
  private final String requester;

  /**
   * @param rules the store's access rules, whose literal SDLCs are the ones guarded
   * @param admittedSdlc whether the requester is admitted to an SDLC (for the application it asks
   *     for)
   * @param separator what separates the parts of a full name: {@code .}, or {@code /} for path
   *     names
   * @param requester who asks, for messages: {@code namespace "team-a"}
   */
  public AmbiguousNames(
      List<AccessRule> rules, Predicate<String> admittedSdlc, char separator, String requester) {
    this(rules, sdlc -> false, admittedSdlc, separator, requester);
  }

  /**
   * As {@link #AmbiguousNames(List, Predicate, char, String)}, also guarding every SDLC a deny rule
   * refuses the requester (for the application it asks for), even through a glob such as {@code
   * prod*}: the administrator named those SDLCs as ones to protect.
   *
   * @param rules the store's access rules, whose literal SDLCs are guarded
   * @param deniedSdlc whether a deny rule refuses the requester an SDLC
   */
  public AmbiguousNames(
      List<AccessRule> rules,
      Predicate<String> deniedSdlc,
      Predicate<String> admittedSdlc,
      char separator,
      String requester) {
    this.knownSdlcs = literalSdlcs(rules);
    this.deniedSdlc = Objects.requireNonNull(deniedSdlc, "deniedSdlc");
    this.admittedSdlc = Objects.requireNonNull(admittedSdlc, "admittedSdlc");
    this.separator = separator;
    this.requester = Objects.requireNonNull(requester, "requester");
  }

  /**
   * The first ambiguity in the spec's component, {@code data} names and {@code dataFrom.extract}
   * names, as an AccessDenied message naming the field; empty when there is none.
   *
   * @param namesAreTheBoundary whether the store tells secrets apart by name alone (Secrets
   *     Manager), so that short names need checking too
   */
  public Optional<String> problemIn(FideliusSecretSpec spec, boolean namesAreTheBoundary) {
    String component = blankToNull(spec.getComponent());
    if (component != null) {
      return componentProblem(spec.getApplication(), component, spec.getSdlc());
    }
    if (!namesAreTheBoundary) {
      return Optional.empty();
    }
    List<SecretDataItem> data = spec.getData() == null ? List.of() : spec.getData();
    for (int i = 0; i < data.size(); i++) {
      Optional<String> problem =
          data.get(i) == null
              ? Optional.empty()
              : shortNameProblem(
                  "spec.data[" + i + "].name",
                  spec.getApplication(),
                  spec.getSdlc(),
                  data.get(i).getName());
      if (problem.isPresent()) {
        return problem;
      }
    }
    List<DataFromSource> dataFrom = spec.getDataFrom() == null ? List.of() : spec.getDataFrom();
    for (int i = 0; i < dataFrom.size(); i++) {
      DataFromSource source = dataFrom.get(i);
      Optional<String> problem =
          source == null || source.getExtract() == null
              ? Optional.empty()
              : shortNameProblem(
                  "spec.dataFrom[" + i + "].extract.name",
                  spec.getApplication(),
                  spec.getSdlc(),
                  source.getExtract().getName());
      if (problem.isPresent()) {
        return problem;
      }
    }
    return Optional.empty();
  }

  /**
   * Whether {@code dataFrom.find} may take a short name it listed: in a scope without a component,
   * a listing by name prefix cannot tell secret {@code prod.token} of sdlc dev from secret {@code
   * token} of component dev in sdlc prod. (A scope with a component passed {@link #problemIn}
   * already.)
   */
  public boolean mayList(String application, String component, String sdlc, String shortName) {
    return blankToNull(component) != null
        || shortNameProblem("", application, sdlc, shortName).isEmpty();
  }

  private Optional<String> componentProblem(String application, String component, String sdlc) {
    String aliasedSdlc = Ascii.lower(component);
    if (!guards(aliasedSdlc)) {
      return Optional.empty();
    }
    String names = fullName(application, aliasedSdlc, Ascii.lower(nullToEmpty(sdlc)), "*");
    return Optional.of(
        "spec.component \""
            + component
            + "\" is also an sdlc, which "
            + requester
            + " is not"
            + " admitted to: names "
            + names
            + " would also name secrets of sdlc "
            + aliasedSdlc
            + " (the component comes before the sdlc); choose another component");
  }

  private Optional<String> shortNameProblem(
      String field, String application, String sdlc, String shortName) {
    if (shortName == null) {
      return Optional.empty();
    }
    int end = shortName.indexOf(separator);
    if (end <= 0 || end == shortName.length() - 1) {
      return Optional.empty();
    }
    String aliasedSdlc = Ascii.lower(shortName.substring(0, end));
    if (!guards(aliasedSdlc)) {
      return Optional.empty();
    }
    String component = Ascii.lower(nullToEmpty(sdlc));
    return Optional.of(
        field
            + " \""
            + shortName
            + "\" is ambiguous: "
            + fullName(application, component, shortName)
            + " is also secret \""
            + shortName.substring(end + 1)
            + "\" of component "
            + component
            + " in sdlc "
            + aliasedSdlc
            + ", which "
            + requester
            + " is not admitted to");
  }

  /**
   * True for an SDLC the rules name, or a deny rule refuses, and the requester is not admitted to.
   */
  private boolean guards(String sdlc) {
    return (knownSdlcs.contains(sdlc) || deniedSdlc.test(sdlc)) && !admittedSdlc.test(sdlc);
  }

  private String fullName(String application, String... parts) {
    StringBuilder name = new StringBuilder(Ascii.upper(nullToEmpty(application)));
    for (String part : parts) {
      name.append(separator).append(part);
    }
    return name.toString();
  }

  private static Set<String> literalSdlcs(List<AccessRule> rules) {
    Set<String> sdlcs = new TreeSet<>();
    if (rules != null) {
      rules.stream()
          .filter(Objects::nonNull)
          .map(AccessRule::getSdlcs)
          .filter(Objects::nonNull)
          .flatMap(List::stream)
          .filter(sdlc -> sdlc != null && !sdlc.isEmpty() && sdlc.indexOf('*') < 0)
          .map(Ascii::lower)
          .forEach(sdlcs::add);
    }
    return sdlcs;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
