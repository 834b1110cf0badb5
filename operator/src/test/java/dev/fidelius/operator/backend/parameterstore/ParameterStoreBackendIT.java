package dev.fidelius.operator.backend.parameterstore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.operator.aws.AwsEndpoints;
import dev.fidelius.operator.backend.ErrorKind;
import dev.fidelius.operator.backend.Outcome;
import dev.fidelius.operator.backend.SecretId;
import dev.fidelius.operator.backend.SecretListing;
import dev.fidelius.operator.backend.SecretRequest;
import dev.fidelius.operator.backend.SecretScope;
import dev.fidelius.operator.backend.SecretValue;
import dev.fidelius.operator.backend.ValueCache;
import dev.fidelius.operator.backend.VersionSelector;
import dev.fidelius.operator.testsupport.AwsTestClients;
import dev.fidelius.operator.testsupport.MotoServer;
import dev.fidelius.operator.testsupport.TestServers;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/** What Parameter Store users rely on beyond the contract, against moto's SSM and KMS. */
@ExtendWith(TestServers.class)
class ParameterStoreBackendIT {

  private static final String PREFIX = "/fidelius";

  private static AwsTestClients clients;
  private static AwsTestClients writer;
  private static ParameterStoreBackend backend;
  private static ParameterStoreBackend withoutFallback;
  private static MotoParameters parameters;
  private static String customerKey;

  @BeforeAll
  static void start(MotoServer moto) {
    clients = new AwsTestClients();
    writer = new AwsTestClients();
    ParameterStoreConfig store =
        ParameterStoreConfig.of(MotoServer.REGION, "ps-it")
            .withPrefix(PREFIX)
            .withEndpoints(AwsEndpoints.all(moto.endpoint()));
    ValueCache cache = new ValueCache(16 << 20);
    backend =
        ParameterStoreBackend.connect(store, clients.factory(), MotoServer.CREDENTIALS, cache);
    withoutFallback =
        ParameterStoreBackend.connect(
            store.withComponentFallback(false), clients.factory(), MotoServer.CREDENTIALS, cache);
    parameters =
        new MotoParameters(
            writer
                .factory()
                .ssm(MotoServer.REGION, MotoServer.CREDENTIALS, Optional.of(moto.endpoint())));
    customerKey =
        writer.kms(moto.endpoint()).createKey(b -> b.description("ps it")).keyMetadata().keyId();
  }

  @AfterAll
  static void stop() {
    clients.close();
    writer.close();
  }

  private static SecretScope freshScope(String component) {
    return new SecretScope("ps" + UUID.randomUUID().toString().substring(0, 8), component, "dev");
  }

  private static Outcome<SecretValue> read(ParameterStoreBackend b, SecretRequest request) {
    return b.read(List.of(request)).get(request);
  }

  @Test
  void readsASecureStringUnderACustomerKeyAndAStringList() {
    SecretScope scope = freshScope(null);
    SecretId secure = new SecretId(scope, "db_password");
    SecretId list = new SecretId(scope, "hosts");
    parameters.put(
        MotoParameters.pathName(PREFIX, secure),
        "s3cr3t-Pässwort",
        ParameterType.SECURE_STRING,
        customerKey);
    parameters.put(
        MotoParameters.pathName(PREFIX, list),
        "a.example,b.example",
        ParameterType.STRING_LIST,
        null);

    Map<SecretRequest, Outcome<SecretValue>> read =
        backend.read(List.of(SecretRequest.latest(secure), SecretRequest.latest(list)));

    assertThat(read.get(SecretRequest.latest(secure)).value().text()).contains("s3cr3t-Pässwort");
    assertThat(read.get(SecretRequest.latest(list)).value().text()).contains("a.example,b.example");
  }

  @Test
  void readsAnAdvancedParameterOfSevenKilobytes() {
    SecretId id = new SecretId(freshScope(null), "certificate");
    String big = "x".repeat(7 * 1024);
    parameters.putAdvanced(MotoParameters.pathName(PREFIX, id), big);

    assertThat(read(backend, SecretRequest.latest(id)).value().text()).contains(big);
  }

  @Test
  void readsVersionsByNumberAndByLabel() {
    SecretId id = new SecretId(freshScope(null), "api_key");
    String name = MotoParameters.pathName(PREFIX, id);
    parameters.put(name, "one");
    parameters.put(name, "two");
    parameters.put(name, "three");
    parameters.label(name, 2, "stable");

    SecretRequest byNumber = new SecretRequest(id, VersionSelector.exact("1"));
    SecretRequest byLabel = new SecretRequest(id, VersionSelector.stage("stable"));
    SecretRequest labelAsVersion = new SecretRequest(id, VersionSelector.exact("stable"));
    SecretRequest latest = SecretRequest.latest(id);
    Map<SecretRequest, Outcome<SecretValue>> read =
        backend.read(List.of(byNumber, byLabel, labelAsVersion, latest));

    assertThat(read.get(byNumber).value().text()).contains("one");
    assertThat(read.get(byLabel).value().text()).contains("two");
    assertThat(read.get(byLabel).value().version()).isEqualTo("2");
    assertThat(read.get(labelAsVersion).value().text()).contains("two");
    assertThat(read.get(latest).value().text()).contains("three");
    assertThat(read.get(latest).value().version()).isEqualTo("3");
  }

  @Test
  void aMissingVersionOrLabelIsNotFoundAndAnInvalidLabelIsRefusedBeforeAnyCall() {
    SecretId id = new SecretId(freshScope(null), "token");
    parameters.put(MotoParameters.pathName(PREFIX, id), "v1");
    SecretRequest missingVersion = new SecretRequest(id, VersionSelector.exact("7"));
    SecretRequest missingLabel = new SecretRequest(id, VersionSelector.stage("nolabel"));
    SecretRequest badLabel = new SecretRequest(id, VersionSelector.stage("bad:label"));

    Map<SecretRequest, Outcome<SecretValue>> read =
        backend.read(List.of(missingVersion, missingLabel, badLabel));

    assertThat(read.get(missingVersion).error().kind()).isEqualTo(ErrorKind.NOT_FOUND);
    assertThat(read.get(missingVersion).error().message()).contains("version 7");
    assertThat(read.get(missingLabel).error().kind()).isEqualTo(ErrorKind.NOT_FOUND);
    assertThat(read.get(badLabel).error().kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
  }

  @Test
  void aComponentFallsBackToTheNameWithoutItUnlessTheStoreSaysNo() {
    SecretScope withComponent = freshScope("web");
    SecretId id = new SecretId(withComponent, "shared");
    SecretId withoutComponent = new SecretId(withComponent.withoutComponent(), "shared");
    String version =
        parameters.put(MotoParameters.pathName(PREFIX, withoutComponent), "from-the-app");

    assertThat(read(backend, SecretRequest.latest(id)).value().text()).contains("from-the-app");
    assertThat(read(backend, SecretRequest.latest(id)).value().resolvedName())
        .isEqualTo(MotoParameters.pathName(PREFIX, withoutComponent));
    assertThat(backend.currentVersions(List.of(id))).containsEntry(id, Outcome.ok(version));
    assertThat(read(withoutFallback, SecretRequest.latest(id)).error().kind())
        .isEqualTo(ErrorKind.NOT_FOUND);
  }

  @Test
  void listsAScopeRecursivelyAndNothingOfItsNeighbours() {
    SecretScope scope = freshScope(null);
    parameters.put(MotoParameters.pathName(PREFIX, new SecretId(scope, "top")), "1");
    parameters.put(MotoParameters.pathName(PREFIX, new SecretId(scope, "nested/deep")), "2");
    parameters.put(
        MotoParameters.pathName(
            PREFIX, new SecretId(new SecretScope(scope.application(), null, "prod"), "other")),
        "3");

    Outcome<List<SecretListing>> listed = backend.list(scope);

    assertThat(listed.value()).extracting(l -> l.id().name()).containsExactly("nested/deep", "top");
  }

  @Test
  void aParameterDeletedAndCreatedAgainIsNotServedFromTheCacheOfItsFormerSelf() {
    SecretId id = new SecretId(freshScope(null), "recreated");
    String name = MotoParameters.pathName(PREFIX, id);
    parameters.put(name, "before");
    SecretRequest first = new SecretRequest(id, VersionSelector.exact("1"));
    assertThat(read(backend, first).value().text()).contains("before");

    parameters.delete(name);
    parameters.put(name, "after");
    assertThat(backend.currentVersions(List.of(id))).containsEntry(id, Outcome.ok("1"));

    assertThat(read(backend, first).value().text()).contains("after");
  }

  @Test
  void noValueAppearsInAnyMessage() {
    SecretScope scope = freshScope(null);
    SecretId id = new SecretId(scope, "secret");
    parameters.put(
        MotoParameters.pathName(PREFIX, id),
        "hunter2-never-print",
        ParameterType.SECURE_STRING,
        customerKey);
    SecretRequest missing = new SecretRequest(id, VersionSelector.exact("9"));

    Map<SecretRequest, Outcome<SecretValue>> read =
        backend.read(List.of(SecretRequest.latest(id), missing));

    assertThat(read.toString()).doesNotContain("hunter2");
    assertThat(read.get(missing).error().message()).doesNotContain("hunter2");
    assertThat(backend.currentVersions(List.of(id)).toString()).doesNotContain("hunter2");
    assertThat(backend.list(scope).toString()).doesNotContain("hunter2");
  }
}
