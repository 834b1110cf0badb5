package dev.fidelius.operator.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.operator.api.AccessRule;
import dev.fidelius.operator.api.ClusterFideliusStore;
import dev.fidelius.operator.api.DeletionPolicy;
import dev.fidelius.operator.api.FideliusSecret;
import dev.fidelius.operator.api.FideliusSecretStatus;
import dev.fidelius.operator.api.FideliusStore;
import dev.fidelius.operator.api.FideliusStoreSpec;
import dev.fidelius.operator.api.RolloutRestartTarget;
import dev.fidelius.operator.api.RolloutTargetKind;
import dev.fidelius.operator.api.SecretDataItem;
import dev.fidelius.operator.api.SecretTarget;
import dev.fidelius.operator.api.StoreAccess;
import dev.fidelius.operator.api.StoreKind;
import dev.fidelius.operator.api.StoreRef;
import dev.fidelius.operator.aws.CredentialsCache;
import dev.fidelius.operator.backend.ErrorKind;
import dev.fidelius.operator.backend.SecretId;
import dev.fidelius.operator.backend.VersionSelector;
import dev.fidelius.operator.config.OperatorConfig;
import dev.fidelius.operator.reconciler.ResolvedStores;
import dev.fidelius.operator.store.BackendRegistry;
import dev.fidelius.operator.store.IdentityResolver;
import dev.fidelius.operator.store.ProviderRegistry;
import dev.fidelius.operator.store.ResolvedStore;
import dev.fidelius.operator.sweep.ChangeSweeper;
import dev.fidelius.operator.target.ObservedTarget;
import dev.fidelius.operator.target.TargetSpec;
import dev.fidelius.operator.target.TargetWriter;
import dev.fidelius.operator.target.WorkloadRestarter;
import dev.fidelius.operator.target.WriteResult;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;

/**
 * The reconcile flow with fakes of our own seams: what is written, what is kept, what the status
 * says.
 */
class FideliusSecretSyncTest {

  private final FakeBackend backend = new FakeBackend();
  private final RecordingWriter writer = new RecordingWriter();
  private final RecordingRestarter restarter = new RecordingRestarter();
  private final ChangeSweeper<String> sweeper =
      new ChangeSweeper<>(k -> {}, k -> {}, Duration.ofMillis(1), Clock.systemUTC(), 1);
  private final FideliusSecretSync sync =
      new FideliusSecretSync(
          new SyncValidator(OperatorConfig.defaults(), ProviderRegistry.standard()),
          new IdentityResolver((ns, n) -> Optional.empty()),
          new BackendRegistry(
              ProviderRegistry.standard(),
              new CredentialsCache(null, AnonymousCredentialsProvider.create(), null),
              (store, connection, key) -> backend),
          sweeper,
          writer,
          restarter);

  private final SecretId db = SecretId.of("PAYMENTS", null, "dev", "db_password");

  @AfterEach
  void stop() {
    sweeper.close();
  }

  @Test
  void aMissingStoreIsStoreNotReadyAndWritesNothing() {
    SyncReport report = sync(fsec("db_password"), Optional.empty(), Map.of(), null);

    assertThat(report.ready()).isFalse();
    assertThat(report.reason()).isEqualTo("StoreNotReady");
    assertThat(report.message()).contains("ClusterFideliusStore shared not found");
    assertThat(writer.writes).isEmpty();
  }

  @Test
  void aClusterStoreWithoutRulesAdmitsNobody() {
    SyncReport report =
        sync(fsec("db_password"), Optional.of(clusterStore(List.of())), Map.of(), null);

    assertThat(report.reason()).isEqualTo("AccessDenied");
    assertThat(report.message()).contains("no access rules");
    assertThat(backend.reads).as("no AWS read for a denied request").isEmpty();
    assertThat(writer.writes).isEmpty();
  }

  @Test
  void syncsAdmittedDataAndReportsVersions() {
    backend.put(db, "s3cr3t");

    SyncReport report = sync(fsec("db_password"), Optional.of(admittingStore()), Map.of(), null);

    assertThat(report.ready()).as(report.message()).isTrue();
    assertThat(report.reason()).isEqualTo("Synced");
    assertThat(report.syncedVersions()).containsEntry("db_password", "1");
    assertThat(writer.writes)
        .singleElement()
        .satisfies(
            w -> {
              assertThat(new String(w.data().get("db_password"), StandardCharsets.UTF_8))
                  .isEqualTo("s3cr3t");
              assertThat(w.target().name()).isEqualTo("app-secrets");
            });
    assertThat(report.message()).doesNotContain("s3cr3t");
  }

  @Test
  void aBackendFailureKeepsTheLastDataAndNamesTheCause() {
    backend.put(db, "s3cr3t");
    backend.fail(db, ErrorKind.UNAVAILABLE);

    SyncReport report =
        sync(fsec("db_password"), Optional.of(admittingStore()), Map.of(), existingSecret());

    assertThat(report.ready()).isFalse();
    assertThat(report.reason()).isEqualTo("BackendUnavailable");
    assertThat(report.transientFailure()).isTrue();
    assertThat(report.message()).startsWith("kept the last synced data of Secret app-secrets");
    assertThat(writer.writes).as("nothing is written on failure").isEmpty();
  }

  @Test
  void anIntegrityErrorLeadsOverThrottling() {
    SecretId other = SecretId.of("PAYMENTS", null, "dev", "api_key");
    backend.put(db, "a");
    backend.put(other, "b");
    backend.fail(db, ErrorKind.THROTTLED);
    backend.fail(other, ErrorKind.INTEGRITY_ERROR);

    SyncReport report =
        sync(fsec("db_password", "api_key"), Optional.of(admittingStore()), Map.of(), null);

    assertThat(report.reason()).isEqualTo("IntegrityError");
    assertThat(report.message()).contains("and 1 more failure");
    assertThat(report.transientFailure()).isFalse();
  }

  @Test
  void deletionPolicyDeleteDropsOnlyConfirmedMissingKeys() {
    SecretId other = SecretId.of("PAYMENTS", null, "dev", "api_key");
    backend.put(db, "a");
    FideliusSecret fsec = fsec("db_password", "api_key");
    fsec.getSpec().setTarget(new SecretTarget());
    fsec.getSpec().getTarget().setDeletionPolicy(DeletionPolicy.Delete);

    SyncReport report = sync(fsec, Optional.of(admittingStore()), Map.of(), existingSecret());

    assertThat(report.reason()).isEqualTo("NotFound");
    assertThat(report.message()).contains("removed key(s) [api_key]");
    assertThat(writer.writes)
        .singleElement()
        .satisfies(w -> assertThat(w.data()).containsOnlyKeys("db_password"));
    assertThat(other).isNotNull();
  }

  @Test
  void retainKeepsEverythingWhenASourceVanishes() {
    backend.put(db, "a");
    SyncReport report =
        sync(
            fsec("db_password", "api_key"),
            Optional.of(admittingStore()),
            Map.of(),
            existingSecret());

    assertThat(report.reason()).isEqualTo("NotFound");
    assertThat(writer.writes).isEmpty();
  }

  @Test
  void workloadsRestartOnlyWhenTheHashChangesAfterAnEarlierSync() {
    backend.put(db, "one");
    FideliusSecret fsec = fsec("db_password");
    RolloutRestartTarget web = new RolloutRestartTarget();
    web.setKind(RolloutTargetKind.Deployment);
    web.setName("web");
    fsec.getSpec().setRolloutRestartTargets(List.of(web));
    var immediately =
        new dev.fidelius.operator.api.RolloutRestartPolicy(); // the window: RestartPacerTest
    immediately.setWindow("0");
    fsec.getSpec().setRolloutRestartPolicy(immediately);

    SyncReport first = sync(fsec, Optional.of(admittingStore()), Map.of(), null);
    assertThat(restarter.calls).as("no restart on the first sync").isEmpty();

    fsec.setStatus(new FideliusSecretStatus());
    fsec.getStatus().setDataHash(first.dataHash());
    sync(fsec, Optional.of(admittingStore()), Map.of(), null);
    assertThat(restarter.calls).as("no restart when nothing changed").isEmpty();

    backend.put(db, "two");
    SyncReport changed = sync(fsec, Optional.of(admittingStore()), Map.of(), null);
    assertThat(restarter.calls).containsExactly("web@" + changed.dataHash());
  }

  @Test
  void aNamespacedStoreMayNotBorrowTheOperatorIdentity() {
    FideliusStore store =
        Serialization.unmarshal(
            """
        apiVersion: fidelius.dev/v1alpha1
        kind: FideliusStore
        metadata: {name: own, namespace: team-a, uid: u2, generation: 1}
        spec:
          provider: {secretsManager: {region: us-east-1}}
        """,
            FideliusStore.class);
    FideliusSecret fsec = fsec("db_password");
    fsec.getSpec().getStoreRef().setKind(StoreKind.FideliusStore);
    fsec.getSpec().getStoreRef().setName("own");

    SyncReport report = sync(fsec, Optional.of(ResolvedStores.of(store)), Map.of(), null);

    assertThat(report.reason()).isEqualTo("StoreNotReady");
    assertThat(report.message()).contains("must use spec.auth.serviceAccountRef");
    assertThat(backend.reads).isEmpty();
  }

  @Test
  void aRevokedResourceLeavesChangeDetectionAndIsReadNoMore() {
    backend.put(db, "one");
    sync(fsec("db_password"), Optional.of(admittingStore()), Map.of(), null);
    assertThat(sweeper.backendCount()).isEqualTo(1);
    backend.reads.clear();

    SyncReport revoked =
        sync(fsec("db_password"), Optional.of(clusterStore(List.of())), Map.of(), existingSecret());

    assertThat(revoked.reason()).isEqualTo("AccessDenied");
    assertThat(sweeper.backendCount()).as("no sweep reads for a revoked resource").isZero();
    assertThat(backend.reads).isEmpty();
    assertThat(writer.writes).as("the Secret keeps its last data").hasSize(1);
  }

  @Test
  void aMissingServiceAccountIsRetriedBecauseItMayBeAppliedLater() {
    ClusterFideliusStore store =
        Serialization.unmarshal(
            """
        apiVersion: fidelius.dev/v1alpha1
        kind: ClusterFideliusStore
        metadata: {name: shared, uid: s2, generation: 1}
        spec:
          provider: {secretsManager: {region: us-east-1}}
          auth: {serviceAccountRef: {name: secrets-reader}}
          access:
            rules: [{namespaces: [team-a], applications: [payments], sdlcs: [dev]}]
        """,
            ClusterFideliusStore.class);

    SyncReport report =
        sync(fsec("db_password"), Optional.of(ResolvedStores.of(store)), Map.of(), null);

    assertThat(report.reason()).isEqualTo("InvalidSpec");
    assertThat(report.message())
        .contains("no ServiceAccount of that name exists in namespace team-a");
    assertThat(report.transientFailure()).isTrue();
    assertThat(backend.reads).isEmpty();
  }

  @Test
  void aFreshSweepSnapshotTurnsLatestReadsIntoCachedExactReads() {
    backend.put(db, "one");
    sync(fsec("db_password"), Optional.of(admittingStore()), Map.of(), null);
    sweeper.sweepAllNow();
    backend.reads.clear();

    sync(fsec("db_password"), Optional.of(admittingStore()), Map.of(), null);

    assertThat(backend.reads)
        .singleElement()
        .satisfies(r -> assertThat(r.version()).isEqualTo(VersionSelector.exact("1")));
  }

  @Test
  void anOlderSnapshotNeverTakesBackAVersionReadDirectly() {
    backend.put(db, "one");
    sync(fsec("db_password"), Optional.of(admittingStore()), Map.of(), null);
    sweeper.sweepAllNow(); // the sweep sees version 1
    backend.put(db, "two");
    // A later direct read synced version 2 after that sweep (a spec change, or a new resource).
    FideliusSecret fsec = fsec("db_password");
    fsec.setStatus(new FideliusSecretStatus());
    fsec.getStatus().setSyncedVersions(Map.of("db_password", "2"));
    fsec.getStatus().setLastRefreshTime(java.time.Instant.now().plusSeconds(1).toString());
    writer.writes.clear();
    backend.reads.clear();

    SyncReport report = sync(fsec, Optional.of(admittingStore()), Map.of(), existingSecret());

    assertThat(backend.reads)
        .singleElement()
        .satisfies(r -> assertThat(r.version()).isEqualTo(VersionSelector.LATEST));
    assertThat(report.syncedVersions()).containsEntry("db_password", "2");
    assertThat(writer.writes)
        .singleElement()
        .satisfies(
            w ->
                assertThat(new String(w.data().get("db_password"), StandardCharsets.UTF_8))
                    .isEqualTo("two"));
  }

  @Test
  void aMissingNameIsNotReadAgainUntilASweepSeesIt() {
    sync(fsec("db_password"), Optional.of(admittingStore()), Map.of(), null);
    sweeper.sweepAllNow(); // the sweep records db_password as missing
    backend.reads.clear();

    SyncReport stillMissing =
        sync(fsec("db_password"), Optional.of(admittingStore()), Map.of(), null);

    assertThat(stillMissing.reason()).isEqualTo("NotFound");
    assertThat(backend.reads)
        .as("no read per reconcile for a name the last sweep found missing")
        .isEmpty();

    backend.put(db, "created");
    sweeper.sweepAllNow(); // the next sweep sees it
    SyncReport found = sync(fsec("db_password"), Optional.of(admittingStore()), Map.of(), null);

    assertThat(found.ready()).as(found.message()).isTrue();
    assertThat(writer.writes)
        .singleElement()
        .satisfies(
            w ->
                assertThat(new String(w.data().get("db_password"), StandardCharsets.UTF_8))
                    .isEqualTo("created"));
  }

  @Test
  void aForcedSyncAsksTheStoreInsteadOfTheLastSweep() {
    sync(fsec("db_password"), Optional.of(admittingStore()), Map.of(), null);
    sweeper.sweepAllNow(); // the sweep records db_password as missing
    backend.put(db, "created");
    backend.reads.clear();

    SyncRequest request = request(fsec("db_password"), existingSecret()).forcing(true);
    SyncReport forced = sync.sync(request);

    assertThat(forced.ready()).as(forced.message()).isTrue();
    assertThat(backend.reads)
        .singleElement()
        .satisfies(r -> assertThat(r.version()).isEqualTo(VersionSelector.LATEST));
  }

  @Test
  void aNameWithSyncedDataIsReadEvenWhenASweepMissedIt() {
    backend.put(db, "one");
    sync(fsec("db_password"), Optional.of(admittingStore()), Map.of(), null);
    backend.hideFromVersionQueries(
        db); // an eventually consistent listing may miss a secret that exists
    sweeper.sweepAllNow();
    backend.reads.clear();
    FideliusSecret fsec = fsec("db_password");
    fsec.setStatus(new FideliusSecretStatus());
    fsec.getStatus().setSyncedVersions(Map.of("db_password", "1"));
    fsec.getStatus().setLastRefreshTime(java.time.Instant.now().minusSeconds(60).toString());

    SyncReport report = sync(fsec, Optional.of(admittingStore()), Map.of(), existingSecret());

    assertThat(report.ready()).as(report.message()).isTrue();
    assertThat(backend.reads).as("data it holds is never dropped on a listing's word").hasSize(1);
  }

  @Test
  void eachSourceReportsItsOwnStateAndTheKeysItProduced() {
    SecretId other = SecretId.of("PAYMENTS", null, "dev", "api_key");
    backend.put(db, "one");
    backend.put(db, "two");
    backend.fail(other, ErrorKind.ACCESS_DENIED);

    SyncReport report =
        sync(fsec("db_password", "api_key"), Optional.of(admittingStore()), Map.of(), null);

    assertThat(report.ready()).isFalse();
    assertThat(report.sources()).hasSize(2);
    assertThat(report.sources().get(0))
        .satisfies(
            r -> {
              assertThat(r.from()).isEqualTo("data");
              assertThat(r.name()).isEqualTo("db_password");
              assertThat(r.keys()).containsExactly("db_password");
              assertThat(r.version()).isEqualTo("2");
              assertThat(r.ok()).isTrue();
            });
    assertThat(report.sources().get(1))
        .satisfies(
            r -> {
              assertThat(r.name()).isEqualTo("api_key");
              assertThat(r.ok()).isFalse();
              assertThat(r.error().kind()).isEqualTo(ErrorKind.ACCESS_DENIED);
            });
    assertThat(report.sources().toString()).doesNotContain("one").doesNotContain("two");
  }

  @Test
  void aSyncThatFailsBeforeReadingReportsNoSources() {
    SyncReport report = sync(fsec("db_password"), Optional.empty(), Map.of(), null);

    assertThat(report.sources()).as("null: the status keeps its previous items").isNull();
  }

  @Test
  void anInvalidSpecNamesTheField() {
    FideliusSecret fsec = fsec("db_password");
    fsec.getSpec().getData().get(0).setVersion("3");
    fsec.getSpec().getData().get(0).setVersionStage("AWSPREVIOUS");

    SyncReport report = sync(fsec, Optional.of(admittingStore()), Map.of(), null);

    assertThat(report.reason()).isEqualTo("InvalidSpec");
    assertThat(report.message()).contains("spec.data[0]").contains("both version and versionStage");
    assertThat(report.transientFailure()).isFalse();
  }

  // ---------------------------------------------------------------------------------------------------------

  private static SyncRequest request(FideliusSecret fsec, Secret existing) {
    return new SyncRequest(
        fsec.getMetadata().getNamespace(),
        fsec.getMetadata().getName(),
        fsec.getMetadata().getUid(),
        fsec.getSpec(),
        fsec.getStatus(),
        Optional.of(admittingStore()),
        Map.of(),
        new ObservedTarget(existing));
  }

  /** One sync, its interest handed to change detection as the reconciler does. */
  private SyncReport sync(
      FideliusSecret fsec,
      Optional<ResolvedStore> store,
      Map<String, String> labels,
      Secret existing) {
    SyncReport report =
        sync.sync(
            new SyncRequest(
                fsec.getMetadata().getNamespace(),
                fsec.getMetadata().getName(),
                fsec.getMetadata().getUid(),
                fsec.getSpec(),
                fsec.getStatus(),
                store,
                labels,
                new ObservedTarget(existing)));
    sweeper.track("k", report.interest());
    return report;
  }

  static FideliusSecret fsec(String... names) {
    FideliusSecret fsec = new FideliusSecret();
    fsec.setMetadata(
        new ObjectMetaBuilder()
            .withName("app-secrets")
            .withNamespace("team-a")
            .withUid("u1")
            .withGeneration(1L)
            .build());
    var spec = new dev.fidelius.operator.api.FideliusSecretSpec();
    StoreRef ref = new StoreRef();
    ref.setName("shared");
    ref.setKind(StoreKind.ClusterFideliusStore);
    spec.setStoreRef(ref);
    spec.setApplication("PAYMENTS");
    spec.setSdlc("dev");
    List<SecretDataItem> items = new ArrayList<>();
    for (String n : names) {
      SecretDataItem item = new SecretDataItem();
      item.setName(n);
      items.add(item);
    }
    spec.setData(items);
    fsec.setSpec(spec);
    return fsec;
  }

  static ResolvedStore admittingStore() {
    AccessRule rule = new AccessRule();
    rule.setNamespaces(List.of("team-a"));
    rule.setApplications(List.of("payments"));
    rule.setSdlcs(List.of("dev"));
    return clusterStore(List.of(rule));
  }

  static ResolvedStore clusterStore(List<AccessRule> rules) {
    ClusterFideliusStore store =
        Serialization.unmarshal(
            """
        apiVersion: fidelius.dev/v1alpha1
        kind: ClusterFideliusStore
        metadata: {name: shared, uid: s1, generation: 1}
        spec:
          provider: {secretsManager: {region: us-east-1}}
        """,
            ClusterFideliusStore.class);
    FideliusStoreSpec spec = store.getSpec();
    StoreAccess access = new StoreAccess();
    access.setRules(rules);
    spec.setAccess(access);
    return ResolvedStores.of(store);
  }

  private static Secret existingSecret() {
    return new SecretBuilder()
        .withNewMetadata()
        .withName("app-secrets")
        .withNamespace("team-a")
        .endMetadata()
        .build();
  }

  record Write(TargetSpec target, Map<String, byte[]> data, String hash) {}

  static final class RecordingWriter implements TargetWriter {
    final List<Write> writes = new ArrayList<>();

    @Override
    public WriteResult write(
        TargetSpec target, ObservedTarget existing, Map<String, byte[]> data, String dataHash) {
      writes.add(new Write(target, data, dataHash));
      return new WriteResult(
          !existing.exists() ? WriteResult.Kind.CREATED : WriteResult.Kind.UPDATED, "written");
    }
  }

  static final class RecordingRestarter implements WorkloadRestarter {
    final List<String> calls = new ArrayList<>();

    @Override
    public Result restart(
        String namespace, String fideliusSecret, List<RolloutRestartTarget> targets, String hash) {
      targets.forEach(t -> calls.add(t.getName() + "@" + hash));
      return new Result(
          targets.stream().map(RolloutRestartTarget::getName).toList(), List.of(), List.of());
    }
  }
}
