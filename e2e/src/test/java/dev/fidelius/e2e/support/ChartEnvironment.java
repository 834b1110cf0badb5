package dev.fidelius.e2e.support;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment the Helm chart gives the operator container, in one place: the chart's values
 * mapped to the variables of the README's "Configuration" table, exactly as {@code
 * templates/deployment.yaml} maps them ({@code scopedNamespace} -> FIDELIUS_WATCH_NAMESPACES,
 * {@code replicaCount > 1} or {@code leaderElect} -> FIDELIUS_LEADER_ELECTION with the release
 * namespace and lease name, {@code concurrent}, {@code defaultRefreshInterval}, {@code
 * minRefreshInterval}, {@code metrics.listen.port}, {@code log.*}, {@code aws.region}). When the
 * chart changes, this class is what follows it (or renders it).
 *
 * <p>The AWS identity is not here: on EKS the pod identity webhook adds it (see {@link
 * IrsaIdentity}).
 */
public final class ChartEnvironment {

  private String scopedNamespace = "";
  private boolean processClusterStore = true;
  private int concurrent = 10;
  private Duration defaultRefreshInterval = Duration.ofHours(1);
  private Duration minRefreshInterval = Duration.ofSeconds(1);
  private boolean leaderElect;
  private String releaseNamespace = "fidelius-system";
  private String leaseName = "fidelius-operator-leader";
  private String logLevel = "INFO";
  private String awsRegion = "us-east-1";

  private ChartEnvironment() {}

  /**
   * The chart's defaults, with a 1 s refresh floor so that scenarios can use intervals of a few
   * seconds.
   */
  public static ChartEnvironment defaults() {
    return new ChartEnvironment();
  }

  /** {@code scopedNamespace}: reconcile only in this namespace. */
  public ChartEnvironment scopedNamespace(String namespace) {
    this.scopedNamespace = namespace;
    return this;
  }

  /** {@code concurrent}: reconcile worker threads. */
  public ChartEnvironment concurrent(int threads) {
    this.concurrent = threads;
    return this;
  }

  /**
   * {@code replicaCount > 1} (or {@code leaderElect: true}): elect a leader on the release's Lease.
   */
  public ChartEnvironment leaderElect(boolean on) {
    this.leaderElect = on;
    return this;
  }

  public ChartEnvironment releaseNamespace(String namespace) {
    this.releaseNamespace = namespace;
    return this;
  }

  public ChartEnvironment minRefreshInterval(Duration floor) {
    this.minRefreshInterval = floor;
    return this;
  }

  public String releaseNamespace() {
    return releaseNamespace;
  }

  public String leaseName() {
    return leaseName;
  }

  /** The container's env as the chart renders it. */
  public Map<String, String> toEnv() {
    Map<String, String> env = new LinkedHashMap<>();
    if (!scopedNamespace.isEmpty()) {
      env.put("FIDELIUS_WATCH_NAMESPACES", scopedNamespace);
    }
    env.put("FIDELIUS_WATCH_CLUSTER_RESOURCES", String.valueOf(processClusterStore));
    env.put("FIDELIUS_CONCURRENT_RECONCILES", String.valueOf(concurrent));
    env.put("FIDELIUS_DEFAULT_REFRESH_INTERVAL", seconds(defaultRefreshInterval));
    env.put("FIDELIUS_MIN_REFRESH_INTERVAL", seconds(minRefreshInterval));
    env.put("FIDELIUS_SAFETY_INTERVAL", "10m");
    env.put("FIDELIUS_SYNC_TIMEOUT", "60s"); // the chart's syncTimeout and livenessStallTimeout
    env.put("FIDELIUS_LIVENESS_STALL_TIMEOUT", "5m");
    env.put("FIDELIUS_LEADER_ELECTION", String.valueOf(leaderElect));
    if (leaderElect) {
      env.put("FIDELIUS_LEADER_ELECTION_NAMESPACE", releaseNamespace);
      env.put("FIDELIUS_LEADER_ELECTION_LEASE_NAME", leaseName);
    }
    env.put("FIDELIUS_ALLOW_NAMESPACED_STORE_OPERATOR_IDENTITY", "false");
    env.put("FIDELIUS_VALUE_CACHE_MB", "64");
    env.put("FIDELIUS_LOG_LEVEL", logLevel);
    env.put("FIDELIUS_LOG_FORMAT", "json");
    env.put("AWS_REGION", awsRegion);
    return env;
  }

  private static String seconds(Duration d) {
    return d.toSeconds() + "s";
  }
}
