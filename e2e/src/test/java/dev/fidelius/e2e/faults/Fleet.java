package dev.fidelius.e2e.faults;

import dev.fidelius.e2e.support.Cluster;
import dev.fidelius.e2e.support.E2eWorld;
import dev.fidelius.e2e.support.FideliusSdk;
import dev.fidelius.e2e.support.SecrecyAudit;
import dev.fidelius.e2e.support.SecretWatchdog;
import dev.fidelius.e2e.support.SecretsManagerSeeder;
import dev.fidelius.operator.testsupport.FideliusTables;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * A namespace of FideliusSecrets for the Kubernetes-fault scenarios: half read the Fidelius store
 * (written by the real SDK), half Secrets Manager; each restarts its own Deployment. The fleet
 * knows how many times each one's data changed, so it can tell a lost update (a Secret not holding
 * its latest data) and a duplicate or missing restart (a Deployment restarted other than once per
 * change) apart.
 */
final class Fleet {

  private final String namespace;
  private final String application;
  private final String table;
  private final Cluster kube;
  private final FideliusSdk sdk;
  private final SecretsManagerSeeder secretsManager;
  private final SecretWatchdog watch;
  private final List<String> names = new ArrayList<>();
  private final Map<String, Integer> changes = new ConcurrentHashMap<>();

  /**
   * Creates the stores, Deployments, first secret versions and FideliusSecrets (refresh {@code
   * refresh}).
   */
  Fleet(
      E2eWorld world,
      String namespace,
      String application,
      int size,
      String refresh,
      SecretWatchdog watch) {
    this.namespace = namespace;
    this.application = application;
    this.table = namespace;
    this.kube = world.kube();
    this.sdk = world.fideliusSdk();
    this.secretsManager = new SecretsManagerSeeder(world.secretsManager());
    this.watch = watch;
    kube.namespace(namespace);
    FideliusTables.create(world.dynamoDbClient(), table);
    kube.apply(
        Manifests.fideliusStore(
            namespace + "-fidelius",
            table,
            world.dynamoDb(),
            world.moto().endpoint(),
            namespace,
            application));
    kube.apply(
        Manifests.secretsManagerStore(
            namespace + "-sm", world.moto().endpoint(), namespace, application));
    for (int i = 1; i <= size; i++) {
      String name = "app-" + i;
      names.add(name);
      String value = SecrecyAudit.seed(namespace + " " + name + " v0");
      watch.expect(name, Map.of(secretName(name), value));
      if (fidelius(name)) {
        sdk.put(table, application, null, "dev", secretName(name), value);
      } else {
        secretsManager.create(smName(name), value);
      }
      kube.deployment(namespace, name);
      kube.apply(
          Manifests.fideliusSecret(
              namespace,
              name,
              fidelius(name) ? namespace + "-fidelius" : namespace + "-sm",
              application,
              refresh,
              List.of(secretName(name)),
              List.of("Deployment/" + name)));
    }
  }

  List<String> names() {
    return List.copyOf(names);
  }

  /** New versions of these secrets in AWS, declared to the watchdog first. */
  void rotate(List<String> which, String label) {
    for (String name : which) {
      String value = SecrecyAudit.seed(namespace + " " + name + " " + label);
      watch.expect(name, Map.of(secretName(name), value));
      changes.merge(name, 1, Integer::sum);
      if (fidelius(name)) {
        sdk.put(table, application, null, "dev", secretName(name), value);
      } else {
        secretsManager.put(smName(name), value);
      }
    }
  }

  int changes(String name) {
    return changes.getOrDefault(name, 0);
  }

  /** How many of these hold their latest data now. */
  long updated(List<String> which) {
    return which.stream().filter(watch::holdsLatest).count();
  }

  /**
   * Every Secret holds its latest data, every FideliusSecret is Synced, every workload restarted
   * once per change.
   */
  boolean converged() {
    return names.stream()
        .allMatch(
            n ->
                watch.holdsLatest(n)
                    && kube.synced(namespace, n)
                    && kube.restarts(namespace, n) == changes(n));
  }

  /** Names whose workload was restarted other than once per data change. */
  List<String> wrongRestartCounts() {
    return names.stream()
        .filter(n -> kube.restarts(namespace, n) != changes(n))
        .map(
            n ->
                n
                    + " restarted "
                    + kube.restarts(namespace, n)
                    + "x for "
                    + changes(n)
                    + " change(s)")
        .collect(Collectors.toList());
  }

  String state() {
    return names.stream()
        .map(
            n ->
                n
                    + "["
                    + kube.reason(namespace, n)
                    + (watch.holdsLatest(n) ? "" : ",old")
                    + ",r"
                    + kube.restarts(namespace, n)
                    + "/"
                    + changes(n)
                    + "]")
        .collect(Collectors.joining(" "));
  }

  private boolean fidelius(String name) {
    return Integer.parseInt(name.substring(name.indexOf('-') + 1)) % 2 == 1;
  }

  private static String secretName(String name) {
    return name.replace("-", "_");
  }

  private String smName(String name) {
    return application + ".dev." + secretName(name);
  }
}
