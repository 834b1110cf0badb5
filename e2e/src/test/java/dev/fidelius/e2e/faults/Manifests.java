package dev.fidelius.e2e.faults;

import java.net.URI;
import java.util.List;

/** The stores and FideliusSecrets the scenarios apply, written as a user would write them. */
final class Manifests {

  private Manifests() {}

  /** A ClusterFideliusStore on a Fidelius table, admitting one namespace, application and sdlc. */
  static String fideliusStore(
      String name, String table, URI dynamoDb, URI kms, String namespace, String application) {
    return """
        apiVersion: fidelius.dev/v1alpha1
        kind: ClusterFideliusStore
        metadata: {name: %s}
        spec:
          provider:
            dynamodb: {table: %s, region: us-east-1}
          endpoints: {dynamodb: "%s", kms: "%s"}
          access:
            rules:
            - {namespaces: [%s], applications: [%s], sdlcs: [dev]}
        """
        .formatted(name, table, dynamoDb, kms, namespace, application);
  }

  /** A ClusterFideliusStore on Secrets Manager (full names APP.sdlc.name). */
  static String secretsManagerStore(
      String name, URI secretsManager, String namespace, String application) {
    return """
        apiVersion: fidelius.dev/v1alpha1
        kind: ClusterFideliusStore
        metadata: {name: %s}
        spec:
          provider:
            secretsManager: {region: us-east-1}
          endpoints: {secretsManager: "%s"}
          access:
            rules:
            - {namespaces: [%s], applications: [%s], sdlcs: [dev]}
        """
        .formatted(name, secretsManager, namespace, application);
  }

  /**
   * A FideliusSecret reading the named secrets of application/dev (each into a key of the same
   * name), with the given refresh interval, restarting the given workloads ({@code
   * Deployment/name}, {@code StatefulSet/name}) when the data changes.
   */
  static String fideliusSecret(
      String namespace,
      String name,
      String store,
      String application,
      String refresh,
      List<String> secrets,
      List<String> workloads) {
    StringBuilder sb =
        new StringBuilder(
            """
        apiVersion: fidelius.dev/v1alpha1
        kind: FideliusSecret
        metadata: {name: %s, namespace: %s}
        spec:
          storeRef: {name: %s, kind: ClusterFideliusStore}
          application: %s
          sdlc: dev
          refreshInterval: %s
          data:
        """
                .formatted(name, namespace, store, application, refresh));
    for (String s : secrets) {
      sb.append("  - {name: ").append(s).append("}\n");
    }
    if (!workloads.isEmpty()) {
      // These suites count one restart per change: no coalescing window, no minimum interval.
      sb.append("  rolloutRestartPolicy: {window: \"0\", minInterval: \"0\"}\n");
      sb.append("  rolloutRestartTargets:\n");
      for (String w : workloads) {
        String[] kindName = w.split("/", 2);
        sb.append("  - {kind: ")
            .append(kindName[0])
            .append(", name: ")
            .append(kindName[1])
            .append("}\n");
      }
    }
    return sb.toString();
  }
}
