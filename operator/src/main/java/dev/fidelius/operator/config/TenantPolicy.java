package dev.fidelius.operator.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the administrator lets tenants ask of the operator beyond the safe defaults, and how much
 * per-identity state it keeps. Read once from the environment at start, like {@link
 * OperatorConfig}, and passed through constructors; kept apart from it so that these protections
 * can be read (and relaxed) in one place.
 *
 * @param mergeRequiresOptIn whether {@code creationPolicy: Merge} writes only into a Secret
 *     annotated {@code fidelius.dev/merge-allowed-from} naming the FideliusSecret (or {@code *});
 *     true by default
 * @param allowedTokenAudiences audiences a store's {@code serviceAccountRef.audience} may ask for;
 *     by default only {@code sts.amazonaws.com}, so a tenant cannot have the operator mint a token
 *     for another audience (the API server's own, say) and send it to an STS endpoint
 * @param credentialsCacheMaxIdentities most AWS identities (roles, ServiceAccounts) with cached
 *     credentials
 * @param credentialsIdleExpiry how long an identity's credentials stay cached without being used
 */
public record TenantPolicy(
    boolean mergeRequiresOptIn,
    Set<String> allowedTokenAudiences,
    int credentialsCacheMaxIdentities,
    Duration credentialsIdleExpiry) {

  public static final String MERGE_REQUIRES_OPT_IN = "FIDELIUS_MERGE_REQUIRES_OPT_IN";
  public static final String ALLOWED_TOKEN_AUDIENCES = "FIDELIUS_ALLOWED_TOKEN_AUDIENCES";
  public static final String CREDENTIALS_CACHE_MAX_IDENTITIES =
      "FIDELIUS_CREDENTIALS_CACHE_MAX_IDENTITIES";
  public static final String CREDENTIALS_IDLE_EXPIRY = "FIDELIUS_CREDENTIALS_IDLE_EXPIRY";
  public static final String STS_AUDIENCE = "sts.amazonaws.com";

  public TenantPolicy {
    allowedTokenAudiences = Set.copyOf(allowedTokenAudiences);
  }

  /**
   * The defaults: Merge needs the Secret's opt-in, only the STS audience, 1000 identities idle 2h
   * at most.
   */
  public static TenantPolicy defaults() {
    return fromEnvironment(Map.of());
  }

  /** Reads the policy; throws naming every invalid variable. */
  public static TenantPolicy fromEnvironment(Map<String, String> env) {
    List<String> problems = new ArrayList<>();
    boolean optIn = true;
    String optInValue = env.getOrDefault(MERGE_REQUIRES_OPT_IN, "").trim().toLowerCase(Locale.ROOT);
    if (Set.of("false", "0", "no").contains(optInValue)) {
      optIn = false;
    } else if (!optInValue.isEmpty() && !Set.of("true", "1", "yes").contains(optInValue)) {
      problems.add(MERGE_REQUIRES_OPT_IN + " must be true or false (got '" + optInValue + "')");
    }
    Set<String> audiences = new TreeSet<>();
    Arrays.stream(env.getOrDefault(ALLOWED_TOKEN_AUDIENCES, STS_AUDIENCE).split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .forEach(audiences::add);
    if (audiences.isEmpty()) {
      problems.add(
          ALLOWED_TOKEN_AUDIENCES + " must name at least one audience, such as " + STS_AUDIENCE);
    }
    int maxIdentities = 1000;
    String max = env.getOrDefault(CREDENTIALS_CACHE_MAX_IDENTITIES, "").trim();
    if (!max.isEmpty()) {
      try {
        maxIdentities = Integer.parseInt(max);
        if (maxIdentities < 1 || maxIdentities > 1_000_000) {
          problems.add(
              CREDENTIALS_CACHE_MAX_IDENTITIES
                  + " must be between 1 and 1000000 (got "
                  + max
                  + ")");
        }
      } catch (NumberFormatException e) {
        problems.add(
            CREDENTIALS_CACHE_MAX_IDENTITIES + " must be a whole number (got '" + max + "')");
      }
    }
    Duration idle = Duration.ofHours(2);
    String idleValue = env.getOrDefault(CREDENTIALS_IDLE_EXPIRY, "").trim();
    if (!idleValue.isEmpty()) {
      idle = Durations.parse(idleValue).filter(d -> !d.isZero()).orElse(null);
      if (idle == null) {
        problems.add(
            CREDENTIALS_IDLE_EXPIRY
                + " must be a duration such as 30m or 2h (got '"
                + idleValue
                + "')");
        idle = Duration.ofHours(2);
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "invalid operator configuration: " + String.join("; ", problems));
    }
    return new TenantPolicy(optIn, audiences, maxIdentities, idle);
  }

  public TenantPolicy withMergeRequiresOptIn(boolean required) {
    return new TenantPolicy(
        required, allowedTokenAudiences, credentialsCacheMaxIdentities, credentialsIdleExpiry);
  }
}
