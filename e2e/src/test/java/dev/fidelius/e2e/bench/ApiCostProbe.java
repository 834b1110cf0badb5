package dev.fidelius.e2e.bench;

import dev.fidelius.operator.api.FideliusSecret;
import dev.fidelius.operator.api.FideliusSecretStatus;
import dev.fidelius.operator.api.SourceItemStatus;
import dev.fidelius.operator.status.StatusOnly;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * What each kind of request a cold start makes costs the API server and etcd, in CPU per request,
 * measured one kind at a time with no operator running ({@code -Dbench.scale.probe=N}): the plain
 * Secret create of the raw write, and the operator's own three writes per new FideliusSecret (the
 * server-side apply creating its Secret, the server-side apply of its status, the {@code Synced}
 * Event), each N times from as many clients as the raw write. Set against the cold start's CPU per
 * resource, it tells how much of the API server's work the writes are and how much the watches and
 * lists that serve them.
 */
final class ApiCostProbe {

  /** One kind of request, N times. */
  record Cost(String request, int count, double wallSeconds, Map<String, Double> cpuSeconds) {

    String row() {
      return String.format(
          Locale.ROOT,
          "| %s | %,d | %.1f s (%.0f/s) | %.2f ms | %.2f ms | %.2f ms |",
          request,
          count,
          wallSeconds,
          count / wallSeconds,
          perRequest("API server"),
          perRequest("etcd"),
          perRequest("benchmark"));
    }

    private double perRequest(String role) {
      return cpuSeconds.getOrDefault(role, 0.0) * 1000 / count;
    }
  }

  private static final String MANAGER = "fidelius-operator";

  private final BenchEnvironment env;
  private final Dataset dataset;

  ApiCostProbe(BenchEnvironment env, Dataset dataset) {
    this.env = env;
    this.dataset = dataset;
  }

  List<Cost> run(int n) {
    List<Cost> costs = new ArrayList<>();
    String posted = env.namespace("probe-post");
    costs.add(
        measure(
            "create a Secret (POST, as the raw write)",
            secrets(n, posted),
            s -> env.client.secrets().inNamespace(posted).resource(s).create()));

    String fsecs = env.namespace("probe-fsec");
    List<FideliusSecret> created = new ArrayList<>();
    costs.add(
        measure(
            "create a FideliusSecret (POST)",
            IntStream.range(0, n).boxed().toList(),
            i -> {
              FideliusSecret fsec =
                  env.client
                      .resource(dataset.fsec(i, fsecs, "probe", Duration.ofHours(1)))
                      .create();
              synchronized (created) {
                created.add(fsec);
              }
            }));

    List<Secret> owned = secrets(n, fsecs);
    Map<String, FideliusSecret> byName = new HashMap<>();
    created.forEach(f -> byName.put(f.getMetadata().getName(), f));
    owned.forEach(s -> ownBy(s, byName.get(s.getMetadata().getName())));
    costs.add(
        measure(
            "server-side apply creating a Secret (the operator's create)",
            owned,
            s -> env.client.secrets().inNamespace(fsecs).resource(s).patch(apply())));

    costs.add(
        measure(
            "server-side apply of a FideliusSecret's status (the operator's status write)",
            created,
            f ->
                env.client
                    .resource(StatusOnly.of(f, syncedStatus(f), FideliusSecret::new))
                    .subresource("status")
                    .patch(apply())));

    String merged = env.namespace("probe-merge");
    List<FideliusSecret> fresh = new ArrayList<>();
    env.parallel(
        IntStream.range(0, n).boxed().toList(),
        i -> {
          FideliusSecret fsec =
              env.client.resource(dataset.fsec(i, merged, "probe", Duration.ofHours(1))).create();
          synchronized (fresh) {
            fresh.add(fsec);
          }
        });
    costs.add(
        measure(
            "JSON merge patch of a FideliusSecret's first status (the same status; for comparison)",
            fresh,
            f ->
                env.client
                    .resource(StatusOnly.of(f, syncedStatus(f), FideliusSecret::new))
                    .subresource("status")
                    .patch(PatchContext.of(PatchType.JSON_MERGE))));

    costs.add(
        measure(
            "create an Event (the Synced Event)",
            created,
            f -> env.client.v1().events().inNamespace(fsecs).resource(syncedEvent(f)).create()));
    return costs;
  }

  private <T> Cost measure(String request, List<T> items, Consumer<T> action) {
    ScaleRun.progress("API cost probe: %s x %d", request, items.size());
    ProcessCpu before = ProcessCpu.sample(-1);
    long t0 = System.nanoTime();
    env.parallel(items, action);
    double wall = (System.nanoTime() - t0) / 1e9;
    return new Cost(request, items.size(), wall, ProcessCpu.sample(-1).secondsSince(before));
  }

  private static PatchContext apply() {
    return new PatchContext.Builder()
        .withPatchType(PatchType.SERVER_SIDE_APPLY)
        .withFieldManager(MANAGER)
        .withForce(true)
        .build();
  }

  /** Secrets shaped as the operator writes them (labels, data-hash annotation, the keys). */
  private List<Secret> secrets(int n, String ns) {
    List<Secret> secrets = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Secret secret = dataset.plainSecret(i, ns);
      secret.getMetadata().getLabels().put("app.kubernetes.io/managed-by", MANAGER);
      secrets.add(secret);
    }
    return secrets;
  }

  private static void ownBy(Secret secret, FideliusSecret owner) {
    secret
        .getMetadata()
        .setOwnerReferences(
            List.of(
                new OwnerReferenceBuilder()
                    .withApiVersion(owner.getApiVersion())
                    .withKind(owner.getKind())
                    .withName(owner.getMetadata().getName())
                    .withUid(owner.getMetadata().getUid())
                    .withController(true)
                    .build()));
  }

  /** A status as the operator writes after a first sync (shape copied from a benchmark run). */
  private FideliusSecretStatus syncedStatus(FideliusSecret fsec) {
    String now = Instant.now().toString();
    Condition ready =
        new ConditionBuilder()
            .withType("Ready")
            .withStatus("True")
            .withReason("Synced")
            .withMessage(
                "Secret "
                    + fsec.getMetadata().getName()
                    + " holds 2 key(s) from 2 secret(s) in ClusterFideliusStore probe")
            .withObservedGeneration(1L)
            .withLastTransitionTime(now)
            .build();
    FideliusSecretStatus status = new FideliusSecretStatus();
    status.setConditions(List.of(ready));
    status.setObservedGeneration(1L);
    status.setTargetSecret(fsec.getMetadata().getName());
    status.setDataHash("0".repeat(64));
    status.setLastChangeTime(now);
    status.setLastRefreshTime(now);
    Map<String, String> versions = new TreeMap<>();
    List<SourceItemStatus> items = new ArrayList<>();
    fsec.getSpec()
        .getData()
        .forEach(
            d -> {
              String version = UUID.randomUUID().toString();
              versions.put(d.getName(), version);
              SourceItemStatus item = new SourceItemStatus();
              item.setSource("data");
              item.setName(d.getName());
              item.setKeys(List.of(d.getName()));
              item.setState("Synced");
              item.setVersion(version);
              item.setUpdatedOn(now);
              items.add(item);
            });
    status.setSyncedVersions(versions);
    status.setItems(items);
    status.setItemsSummary(items.size() + "/" + items.size());
    return status;
  }

  private static Event syncedEvent(FideliusSecret fsec) {
    String now = Instant.now().toString();
    return new EventBuilder()
        .withNewMetadata()
        .withName(
            fsec.getMetadata().getName()
                + "."
                + UUID.randomUUID().toString().replace("-", "").substring(0, 16))
        .withNamespace(fsec.getMetadata().getNamespace())
        .endMetadata()
        .withInvolvedObject(
            new ObjectReferenceBuilder()
                .withApiVersion(fsec.getApiVersion())
                .withKind(fsec.getKind())
                .withName(fsec.getMetadata().getName())
                .withNamespace(fsec.getMetadata().getNamespace())
                .withUid(fsec.getMetadata().getUid())
                .withResourceVersion(fsec.getMetadata().getResourceVersion())
                .build())
        .withType("Normal")
        .withReason("Synced")
        .withMessage("Secret " + fsec.getMetadata().getName() + " created with 2 key(s)")
        .withFirstTimestamp(now)
        .withLastTimestamp(now)
        .withCount(1)
        .withNewSource()
        .withComponent(MANAGER)
        .endSource()
        .withReportingComponent(MANAGER)
        .build();
  }
}
