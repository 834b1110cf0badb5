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
 * The operator's configuration, read once from environment variables at start and passed through
 * constructors. Every variable is documented in the README's configuration table; a bad value stops
 * the operator at start with a message naming the variable, rather than being half-applied.
 *
 * @param watchNamespaces namespaces to watch; empty = all namespaces
 * @param labelSelector only FideliusSecrets matching this label selector (sharding across
 *     releases); may be empty
 * @param concurrentReconciles reconcile worker threads
 * @param defaultRefreshInterval refresh interval when neither FideliusSecret nor store sets one
 * @param minRefreshInterval floor applied to every refresh interval, protecting AWS quotas
 * @param httpPort port of the metrics and health endpoints
 * @param leaderElection whether to elect a leader on a Lease before reconciling
 * @param leaderElectionNamespace namespace of the Lease (empty = the operator's own namespace)
 * @param leaderElectionLeaseName name of the Lease
 * @param allowNamespacedStoreOperatorIdentity whether namespaced FideliusStores may act with the
 *     operator's own AWS identity (or assume roles with it); false by default so tenants cannot
 *     borrow its IAM reach
 * @param valueCacheBytes budget of the decrypted-value cache
 * @param logLevel root log level
 * @param logFormat {@code json} (default) or {@code text}
 * @param watchClusterResources whether to watch cluster-scoped resources (ClusterFideliusStores,
 *     and Namespaces for access rules with selectors); off in a namespace-scoped installation,
 *     whose RBAC grants nothing cluster-wide
 * @param allowNamespacedStoreEndpoints whether namespaced FideliusStores may set {@code
 *     spec.endpoints}; false by default so tenants cannot make the operator send requests, and
 *     ServiceAccount tokens, to an address of their choosing
 * @param tenantPolicy what tenants may ask beyond the safe defaults (Merge opt-in, token audiences)
 *     and the credentials cache's bounds
 * @param syncTimeouts the time budget of one sync and the liveness stall timeout
 * @param safetyInterval how often a store whose change events are live is still polled, unless its
 *     {@code spec.changeEvents.safetyInterval} says
 */
public record OperatorConfig(
    Set<String> watchNamespaces,
    String labelSelector,
    int concurrentReconciles,
    Duration defaultRefreshInterval,
    Duration minRefreshInterval,
    int httpPort,
    boolean leaderElection,
    String leaderElectionNamespace,
    String leaderElectionLeaseName,
    boolean allowNamespacedStoreOperatorIdentity,
    long valueCacheBytes,
    String logLevel,
    String logFormat,
    boolean watchClusterResources,
    boolean allowNamespacedStoreEndpoints,
    TenantPolicy tenantPolicy,
    SyncTimeouts syncTimeouts,
    Duration safetyInterval) {

  public static final String WATCH_NAMESPACES = "FIDELIUS_WATCH_NAMESPACES";
  public static final String LABEL_SELECTOR = "FIDELIUS_LABEL_SELECTOR";
  public static final String CONCURRENT_RECONCILES = "FIDELIUS_CONCURRENT_RECONCILES";
  public static final String DEFAULT_REFRESH_INTERVAL = "FIDELIUS_DEFAULT_REFRESH_INTERVAL";
  public static final String MIN_REFRESH_INTERVAL = "FIDELIUS_MIN_REFRESH_INTERVAL";
  public static final String HTTP_PORT = "FIDELIUS_HTTP_PORT";
  public static final String LEADER_ELECTION = "FIDELIUS_LEADER_ELECTION";
  public static final String LEADER_ELECTION_NAMESPACE = "FIDELIUS_LEADER_ELECTION_NAMESPACE";
  public static final String LEADER_ELECTION_LEASE = "FIDELIUS_LEADER_ELECTION_LEASE_NAME";
  public static final String ALLOW_NAMESPACED_STORE_OPERATOR_IDENTITY =
      "FIDELIUS_ALLOW_NAMESPACED_STORE_OPERATOR_IDENTITY";
  public static final String VALUE_CACHE_MB = "FIDELIUS_VALUE_CACHE_MB";
  public static final String LOG_LEVEL = "FIDELIUS_LOG_LEVEL";
  public static final String LOG_FORMAT = "FIDELIUS_LOG_FORMAT";
  public static final String SAFETY_INTERVAL = "FIDELIUS_SAFETY_INTERVAL";

  /**
   * Set by the chart for the AWS SDK (the operator's own credentials chain), which reads it; not
   * parsed here.
   */
  public static final String AWS_REGION = "AWS_REGION";

  public static final String WATCH_CLUSTER_RESOURCES = "FIDELIUS_WATCH_CLUSTER_RESOURCES";
  public static final String ALLOW_NAMESPACED_STORE_ENDPOINTS =
      "FIDELIUS_ALLOW_NAMESPACED_STORE_ENDPOINTS";

  /**
   * Reads the configuration from the environment; throws with every problem found when a value is
   * invalid.
   */
  public static OperatorConfig fromEnvironment(Map<String, String> env) {
    List<String> problems = new ArrayList<>();
    Set<String> namespaces = new TreeSet<>();
    Arrays.stream(env.getOrDefault(WATCH_NAMESPACES, "").split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .forEach(namespaces::add);
    int concurrency = intValue(env, CONCURRENT_RECONCILES, 10, 1, 256, problems);
    Duration refresh = duration(env, DEFAULT_REFRESH_INTERVAL, Duration.ofHours(1), problems);
    Duration minRefresh = duration(env, MIN_REFRESH_INTERVAL, Duration.ofSeconds(10), problems);
    Duration safety = duration(env, SAFETY_INTERVAL, Duration.ofMinutes(10), problems);
    if (safety.isZero()) {
      problems.add(SAFETY_INTERVAL + " must be longer than 0");
    }
    int port = intValue(env, HTTP_PORT, 8080, 0, 65535, problems);
    boolean leader = bool(env, LEADER_ELECTION, false, problems);
    boolean allowOperatorIdentity =
        bool(env, ALLOW_NAMESPACED_STORE_OPERATOR_IDENTITY, false, problems);
    boolean clusterResources = bool(env, WATCH_CLUSTER_RESOURCES, true, problems);
    boolean allowEndpoints = bool(env, ALLOW_NAMESPACED_STORE_ENDPOINTS, false, problems);
    int cacheMb = intValue(env, VALUE_CACHE_MB, 64, 1, 16_384, problems);
    SyncTimeouts timeouts = SyncTimeouts.fromEnvironment(env, problems);
    String level = env.getOrDefault(LOG_LEVEL, "INFO").trim().toUpperCase(Locale.ROOT);
    if (!Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR").contains(level)) {
      problems.add(
          LOG_LEVEL + " must be one of TRACE, DEBUG, INFO, WARN, ERROR (got '" + level + "')");
    }
    String format = env.getOrDefault(LOG_FORMAT, "json").trim().toLowerCase(Locale.ROOT);
    if (!Set.of("json", "text").contains(format)) {
      problems.add(LOG_FORMAT + " must be json or text (got '" + format + "')");
    }
    TenantPolicy tenantPolicy = TenantPolicy.defaults();
    try {
      tenantPolicy = TenantPolicy.fromEnvironment(env);
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage().replaceFirst("^invalid operator configuration: ", ""));
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "invalid operator configuration: " + String.join("; ", problems));
    }
    return new OperatorConfig(
        Set.copyOf(namespaces),
        env.getOrDefault(LABEL_SELECTOR, "").trim(),
        concurrency,
        refresh,
        minRefresh,
        port,
        leader,
        env.getOrDefault(LEADER_ELECTION_NAMESPACE, "").trim(),
        env.getOrDefault(LEADER_ELECTION_LEASE, "fidelius-operator-leader").trim(),
        allowOperatorIdentity,
        cacheMb * 1024L * 1024L,
        level,
        format,
        clusterResources,
        allowEndpoints,
        tenantPolicy,
        timeouts,
        safety);
  }

  /** Defaults for tests and embedding: all namespaces, 1h refresh, no leader election. */
  public static OperatorConfig defaults() {
    return fromEnvironment(Map.of());
  }

  public OperatorConfig withHttpPort(int port) {
    return new OperatorConfig(
        watchNamespaces,
        labelSelector,
        concurrentReconciles,
        defaultRefreshInterval,
        minRefreshInterval,
        port,
        leaderElection,
        leaderElectionNamespace,
        leaderElectionLeaseName,
        allowNamespacedStoreOperatorIdentity,
        valueCacheBytes,
        logLevel,
        logFormat,
        watchClusterResources,
        allowNamespacedStoreEndpoints,
        tenantPolicy,
        syncTimeouts,
        safetyInterval);
  }

  public OperatorConfig withMinRefreshInterval(Duration min) {
    return new OperatorConfig(
        watchNamespaces,
        labelSelector,
        concurrentReconciles,
        defaultRefreshInterval,
        min,
        httpPort,
        leaderElection,
        leaderElectionNamespace,
        leaderElectionLeaseName,
        allowNamespacedStoreOperatorIdentity,
        valueCacheBytes,
        logLevel,
        logFormat,
        watchClusterResources,
        allowNamespacedStoreEndpoints,
        tenantPolicy,
        syncTimeouts,
        safetyInterval);
  }

  private static int intValue(
      Map<String, String> env, String name, int def, int min, int max, List<String> problems) {
    String v = env.get(name);
    if (v == null || v.isBlank()) {
      return def;
    }
    try {
      int n = Integer.parseInt(v.trim());
      if (n < min || n > max) {
        problems.add(name + " must be between " + min + " and " + max + " (got " + n + ")");
      }
      return n;
    } catch (NumberFormatException e) {
      problems.add(name + " must be a whole number (got '" + v + "')");
      return def;
    }
  }

  private static boolean bool(
      Map<String, String> env, String name, boolean def, List<String> problems) {
    String v = env.get(name);
    if (v == null || v.isBlank()) {
      return def;
    }
    return switch (v.trim().toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes" -> true;
      case "false", "0", "no" -> false;
      default -> {
        problems.add(name + " must be true or false (got '" + v + "')");
        yield def;
      }
    };
  }

  private static Duration duration(
      Map<String, String> env, String name, Duration def, List<String> problems) {
    String v = env.get(name);
    if (v == null || v.isBlank()) {
      return def;
    }
    return Durations.parse(v)
        .orElseGet(
            () -> {
              problems.add(name + " must be a duration such as 30s, 5m or 1h (got '" + v + "')");
              return def;
            });
  }
}
