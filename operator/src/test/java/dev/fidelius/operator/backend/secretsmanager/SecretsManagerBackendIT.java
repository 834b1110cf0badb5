package dev.fidelius.operator.backend.secretsmanager;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.operator.aws.AwsCallCounter;
import dev.fidelius.operator.backend.BackendError;
import dev.fidelius.operator.backend.ErrorKind;
import dev.fidelius.operator.backend.Outcome;
import dev.fidelius.operator.backend.SecretId;
import dev.fidelius.operator.backend.SecretListing;
import dev.fidelius.operator.backend.SecretRequest;
import dev.fidelius.operator.backend.SecretScope;
import dev.fidelius.operator.backend.SecretValue;
import dev.fidelius.operator.backend.ValueCache;
import dev.fidelius.operator.backend.VersionSelector;
import dev.fidelius.operator.backend.secretsmanager.SecretsManagerStoreConfig.Discovery;
import dev.fidelius.operator.backend.secretsmanager.SecretsManagerStoreConfig.Naming;
import dev.fidelius.operator.render.JsonSecretValues;
import dev.fidelius.operator.testsupport.AwsTestClients;
import dev.fidelius.operator.testsupport.MotoServer;
import dev.fidelius.operator.testsupport.TestServers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** Every store setting and failure the backend handles, against moto's Secrets Manager. */
@ExtendWith(TestServers.class)
class SecretsManagerBackendIT {

  private static AwsTestClients clients;
  private static SecretsManagerClient client;
  private static MotoSecrets secrets;

  @BeforeAll
  static void start(MotoServer moto) {
    clients = new AwsTestClients();
    client = clients.secretsManager(moto.endpoint());
    secrets = new MotoSecrets(client);
  }

  @AfterAll
  static void stop() {
    clients.close();
  }

  private static SecretsManagerBackend backend(SecretsManagerStoreConfig config) {
    return SecretsManagerBackend.create(config, client, new ValueCache(8 << 20));
  }

  private static SecretsManagerStoreConfig defaults() {
    return SecretsManagerStoreConfig.of(MotoServer.REGION, "backend-it");
  }

  /** An application no other test uses, in mixed case to exercise the case rules. */
  private static String freshApplication() {
    return "Smit" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static Outcome<SecretValue> readOne(
      SecretsManagerBackend backend, SecretRequest request) {
    return backend.read(List.of(request)).get(request);
  }

  private static AwsCallCounter counter() {
    return clients.counter();
  }

  @Nested
  class Names {

    @Test
    void fullNamesUpperCaseTheApplicationAndLowerCaseComponentAndSdlc() {
      SecretId id = SecretId.of(freshApplication(), "Web", "DEV", "db.Password");
      String name = MotoSecrets.fullName(id);
      assertThat(name).matches("SMIT[0-9A-F]{8}\\.web\\.dev\\.db\\.Password");
      String version = secrets.put(name, "s3cr3t");

      Outcome<SecretValue> read = readOne(backend(defaults()), SecretRequest.latest(id));

      assertThat(read.value().text()).contains("s3cr3t");
      assertThat(read.value().resolvedName()).isEqualTo(name);
      assertThat(read.value().version()).isEqualTo(version);
    }

    @Test
    void pathNamesAreReadDetectedAndListed() {
      SecretScope scope = new SecretScope(freshApplication(), "web", "prod");
      SecretId api = new SecretId(scope, "api_key");
      SecretId cert = new SecretId(scope, "certs/tls.key");
      String apiVersion = secrets.put(MotoSecrets.pathName(api), "k-1");
      secrets.put(MotoSecrets.pathName(cert), "pem");
      secrets.put(MotoSecrets.fullName(new SecretId(scope, "dotted")), "not a path name");
      SecretsManagerBackend paths = backend(defaults().withNaming(Naming.PATH));

      assertThat(readOne(paths, SecretRequest.latest(cert)).value().text()).contains("pem");
      assertThat(paths.currentVersions(List.of(api, cert)))
          .containsEntry(api, Outcome.ok(apiVersion));
      assertThat(paths.list(scope).value())
          .extracting(SecretListing::id)
          .containsExactly(api, cert);
      assertThat(paths.list(scope).value())
          .extracting(SecretListing::resolvedName)
          .containsExactly(MotoSecrets.pathName(api), MotoSecrets.pathName(cert));
    }
  }

  @Nested
  class DiscoveryByTags {

    private final String application = freshApplication();
    private final String app = application.toUpperCase(Locale.ROOT);
    private final SecretScope dev = new SecretScope(application, null, "dev");
    private final SecretScope devComponentProd = new SecretScope(application, "dev", "prod");

    private void arrange() {
      secrets.createTagged(app + ".dev.tagged", "t", Map.of("Application", app, "SDLC", "dev"));
      secrets.put(app + ".dev.untagged", "u");
      secrets.createTagged(
          app + ".dev.wrong_sdlc", "w", Map.of("Application", app, "SDLC", "prod"));
      // Both "sdlc dev, short name prod.x" and "component dev, sdlc prod, short name x": the tags
      // decide.
      secrets.createTagged(
          app + ".dev.prod.x", "x", Map.of("Application", app, "Component", "dev", "SDLC", "prod"));
    }

    @Test
    void tagsDecideWhichSecretsAScopeLists() {
      arrange();
      SecretsManagerBackend byTags = backend(defaults().withDiscovery(Discovery.TAGS));
      SecretsManagerBackend byPrefix = backend(defaults());

      assertThat(byTags.list(dev).value()).extracting(l -> l.id().name()).containsExactly("tagged");
      assertThat(byTags.list(devComponentProd).value())
          .extracting(l -> l.id().name())
          .containsExactly("x");
      assertThat(byPrefix.list(dev).value())
          .extracting(l -> l.id().name())
          .containsExactlyInAnyOrder("tagged", "untagged", "wrong_sdlc", "prod.x");
    }

    @Test
    void changeDetectionByTagsReportsAnUntaggedSecretAsNotFound() {
      arrange();
      SecretsManagerBackend byTags = backend(defaults().withDiscovery(Discovery.TAGS));
      SecretId tagged = new SecretId(dev, "tagged");
      SecretId untagged = new SecretId(dev, "untagged");

      Map<SecretId, Outcome<String>> listed = byTags.currentVersions(List.of(tagged, untagged));
      Outcome<String> described = byTags.currentVersions(List.of(untagged)).get(untagged);

      assertThat(listed.get(tagged).isOk()).isTrue();
      assertThat(listed.get(untagged).error().kind()).isEqualTo(ErrorKind.NOT_FOUND);
      assertThat(described.error().message())
          .contains(app + ".dev.untagged", "not tagged", "Application=" + app);
    }

    @Test
    void readsGoByNameWhateverTheTags() {
      arrange();
      SecretsManagerBackend byTags = backend(defaults().withDiscovery(Discovery.TAGS));

      assertThat(
              readOne(byTags, SecretRequest.latest(new SecretId(dev, "untagged"))).value().text())
          .contains("u");
    }
  }

  @Nested
  class Values {

    @Test
    void aBinarySecretIsReadAsBytesAndRefusedWhereTextIsRequired() {
      SecretId id = SecretId.of(freshApplication(), null, "dev", "keystore");
      byte[] bytes = {0, 1, 2, (byte) 0xfe, (byte) 0xff};
      secrets.createBinary(MotoSecrets.fullName(id), bytes);

      SecretValue value = readOne(backend(defaults()), SecretRequest.latest(id)).value();
      BackendError asJson = JsonSecretValues.property(value, "password").error();

      assertThat(value.binary()).isTrue();
      assertThat(value.bytes()).isEqualTo(bytes);
      assertThat(asJson.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
      assertThat(asJson.message()).contains(MotoSecrets.fullName(id), "binary");
    }

    @Test
    void aJsonSecretGivesItsPropertiesAndATextSecretIsRefusedAsJson() {
      SecretScope scope = new SecretScope(freshApplication(), null, "dev");
      SecretId json = new SecretId(scope, "db");
      SecretId text = new SecretId(scope, "token");
      secrets.put(MotoSecrets.fullName(json), "{\"username\":\"svc\",\"port\":5432}");
      secrets.put(MotoSecrets.fullName(text), "hunter2-plain");
      Map<SecretRequest, Outcome<SecretValue>> reads =
          backend(defaults()).read(List.of(SecretRequest.latest(json), SecretRequest.latest(text)));

      Outcome<byte[]> port =
          JsonSecretValues.property(reads.get(SecretRequest.latest(json)).value(), "port");
      BackendError notJson =
          JsonSecretValues.property(reads.get(SecretRequest.latest(text)).value(), "x").error();

      assertThat(new String(port.value(), StandardCharsets.UTF_8)).isEqualTo("5432");
      assertThat(notJson.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
      assertThat(notJson.message()).contains("not valid JSON").doesNotContain("hunter2");
    }

    @Test
    void aValueLargerThanAKubernetesSecretIsRefusedWithItsSize() {
      // Real Secrets Manager stops at 64 KiB; moto does not, which lets the guard be exercised end
      // to end.
      SecretId id = SecretId.of(freshApplication(), null, "dev", "huge");
      secrets.put(MotoSecrets.fullName(id), "h".repeat(FetchedVersion.KUBERNETES_SECRET_LIMIT + 1));

      BackendError error = readOne(backend(defaults()), SecretRequest.latest(id)).error();

      assertThat(error.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
      assertThat(error.message())
          .contains(MotoSecrets.fullName(id), "1048577 bytes", "Kubernetes Secret")
          .doesNotContain("hhhh");
    }
  }

  @Nested
  class Versions {

    private final SecretId id = SecretId.of(freshApplication(), null, "dev", "rotating");
    private final String name = MotoSecrets.fullName(id);
    private final String first = secrets.put(name, "first");
    private final String second = secrets.put(name, "second");
    private final String staged = secrets.putWithStage(name, "staged", "STAGING");

    @Test
    void latestIsAwsCurrentAndStagesAndVersionIdsReadWhatTheyName() {
      SecretsManagerBackend backend = backend(defaults());
      SecretRequest latest = SecretRequest.latest(id);
      SecretRequest previous = new SecretRequest(id, VersionSelector.stage("AWSPREVIOUS"));
      SecretRequest custom = new SecretRequest(id, VersionSelector.stage("STAGING"));
      SecretRequest pinned = new SecretRequest(id, VersionSelector.exact(first));

      Map<SecretRequest, Outcome<SecretValue>> reads =
          backend.read(List.of(latest, previous, custom, pinned));

      assertThat(reads.get(latest).value().text()).contains("second");
      assertThat(reads.get(latest).value().version()).isEqualTo(second);
      assertThat(reads.get(previous).value().text()).contains("first");
      assertThat(reads.get(custom).value().text()).contains("staged");
      assertThat(reads.get(custom).value().version()).isEqualTo(staged);
      assertThat(reads.get(pinned).value().text()).contains("first");
    }

    @Test
    void aStoreWithItsOwnStageReadsAndDetectsThatStage() {
      SecretsManagerBackend staging = backend(defaults().withVersionStage("STAGING"));

      assertThat(readOne(staging, SecretRequest.latest(id)).value().text()).contains("staged");
      assertThat(staging.currentVersions(List.of(id))).containsEntry(id, Outcome.ok(staged));
      assertThat(staging.list(id.scope()).value())
          .singleElement()
          .satisfies(listing -> assertThat(listing.currentVersion()).isEqualTo(staged));
    }

    @Test
    void aPinnedOlderVersionIsReadDirectlyOnceTheCurrentVersionIsKnown() {
      SecretsManagerBackend backend = backend(defaults());
      backend.currentVersions(List.of(id));
      SecretRequest pinned = new SecretRequest(id, VersionSelector.exact(first));
      var before = counter().snapshot();

      assertThat(readOne(backend, pinned).value().text()).contains("first");
      assertThat(counter().since(before)).containsExactly(Map.entry(call("GetSecretValue"), 1L));
    }

    @Test
    void anUnknownVersionOrStageIsNotFound() {
      SecretsManagerBackend backend = backend(defaults());
      SecretRequest unknownVersion =
          new SecretRequest(id, VersionSelector.exact(UUID.randomUUID().toString()));
      SecretRequest unknownStage = new SecretRequest(id, VersionSelector.stage("NO_SUCH_STAGE"));

      Map<SecretRequest, Outcome<SecretValue>> reads =
          backend.read(List.of(unknownVersion, unknownStage));

      assertThat(reads.get(unknownVersion).error().kind()).isEqualTo(ErrorKind.NOT_FOUND);
      assertThat(reads.get(unknownStage).error().kind()).isEqualTo(ErrorKind.NOT_FOUND);
      assertThat(reads.get(unknownStage).error().message()).contains(name, "NO_SUCH_STAGE");
    }
  }

  @Nested
  class Failures {

    private final SecretScope scope = new SecretScope(freshApplication(), null, "dev");
    private final SecretId present = new SecretId(scope, "present");
    private final SecretId other = new SecretId(scope, "other");
    private final SecretId missing = new SecretId(scope, "missing");
    private final SecretId deleted = new SecretId(scope, "deleted");

    private void arrange() {
      secrets.put(MotoSecrets.fullName(present), "p");
      secrets.put(MotoSecrets.fullName(other), "o");
      secrets.put(MotoSecrets.fullName(deleted), "d-previous");
      secrets.put(MotoSecrets.fullName(deleted), "d");
      secrets.scheduleDeletion(MotoSecrets.fullName(deleted));
    }

    @Test
    void oneBatchReadGivesEachSecretItsOwnOutcome() {
      arrange();
      List<SecretRequest> requests =
          List.of(present, other, missing, deleted).stream().map(SecretRequest::latest).toList();
      var before = counter().snapshot();

      Map<SecretRequest, Outcome<SecretValue>> reads = backend(defaults()).read(requests);

      assertThat(counter().since(before))
          .containsExactly(Map.entry(call("BatchGetSecretValue"), 1L));
      assertThat(reads.get(SecretRequest.latest(present)).value().text()).contains("p");
      assertThat(reads.get(SecretRequest.latest(other)).value().text()).contains("o");
      assertThat(reads.get(SecretRequest.latest(missing)).error().kind())
          .isEqualTo(ErrorKind.NOT_FOUND);
      assertThat(reads.get(SecretRequest.latest(missing)).error().message())
          .contains(MotoSecrets.fullName(missing));
      assertThat(reads.get(SecretRequest.latest(deleted)).error())
          .satisfies(scheduledForDeletion(deleted));
    }

    @Test
    void aSingleReadOfASecretScheduledForDeletionSaysSo() {
      arrange();
      SecretRequest previous = new SecretRequest(deleted, VersionSelector.stage("AWSPREVIOUS"));

      assertThat(readOne(backend(defaults()), previous).error())
          .satisfies(scheduledForDeletion(deleted));
    }

    @Test
    void changeDetectionReportsMissingAndDeletedSecretsWhetherListedOrDescribed() {
      arrange();
      SecretsManagerBackend backend = backend(defaults());

      Map<SecretId, Outcome<String>> listed =
          backend.currentVersions(List.of(present, missing, deleted));
      Outcome<String> describedDeleted = backend.currentVersions(List.of(deleted)).get(deleted);
      Outcome<String> describedMissing = backend.currentVersions(List.of(missing)).get(missing);

      assertThat(listed.get(present).isOk()).isTrue();
      assertThat(listed.get(missing).error().kind()).isEqualTo(ErrorKind.NOT_FOUND);
      assertThat(listed.get(deleted).error()).satisfies(scheduledForDeletion(deleted));
      assertThat(describedDeleted.error()).satisfies(scheduledForDeletion(deleted));
      assertThat(describedMissing.error().kind()).isEqualTo(ErrorKind.NOT_FOUND);
      assertThat(describedMissing.error().message()).contains(MotoSecrets.fullName(missing));
    }

    @Test
    void aScopeListingLeavesOutSecretsScheduledForDeletion() {
      arrange();

      assertThat(backend(defaults()).list(scope).value())
          .extracting(l -> l.id().name())
          .containsExactly("other", "present");
    }

    @Test
    void aNameSecretsManagerWouldRefuseFailsWithoutACall() {
      SecretId invalid = new SecretId(scope, "db:password");
      var before = counter().snapshot();

      Outcome<SecretValue> read = readOne(backend(defaults()), SecretRequest.latest(invalid));
      Outcome<String> version = backend(defaults()).currentVersions(List.of(invalid)).get(invalid);

      assertThat(read.error().kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
      assertThat(version.error().kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
      assertThat(counter().since(before)).isEmpty();
    }

    private Consumer<BackendError> scheduledForDeletion(SecretId id) {
      return error -> {
        assertThat(error.kind()).isEqualTo(ErrorKind.NOT_FOUND);
        assertThat(error.message()).contains(MotoSecrets.fullName(id), "scheduled for deletion");
      };
    }
  }

  @Nested
  class CallChoice {

    @Test
    void aLoneSecretCostsOneDescribeSecretAndSeveralShareOneListSecrets() {
      SecretScope scope = new SecretScope(freshApplication(), null, "dev");
      List<SecretId> ids =
          List.of("a", "b", "c", "d", "e", "f", "g").stream()
              .map(n -> new SecretId(scope, n))
              .toList();
      ids.forEach(id -> secrets.put(MotoSecrets.fullName(id), id.name()));
      SecretsManagerBackend backend = backend(defaults());

      var before = counter().snapshot();
      assertThat(backend.currentVersions(ids.subList(0, 1)).get(ids.get(0)).isOk()).isTrue();
      assertThat(counter().since(before)).containsExactly(Map.entry(call("DescribeSecret"), 1L));

      before = counter().snapshot();
      assertThat(backend.currentVersions(ids).values())
          .allSatisfy(v -> assertThat(v.isOk()).isTrue());
      assertThat(counter().since(before)).containsExactly(Map.entry(call("ListSecrets"), 1L));
    }
  }

  private static AwsCallCounter.Call call(String operation) {
    return new AwsCallCounter.Call("secretsmanager", operation);
  }
}
