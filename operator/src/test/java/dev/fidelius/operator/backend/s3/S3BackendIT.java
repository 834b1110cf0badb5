package dev.fidelius.operator.backend.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.operator.aws.AwsEndpoints;
import dev.fidelius.operator.backend.ErrorKind;
import dev.fidelius.operator.backend.Outcome;
import dev.fidelius.operator.backend.SecretId;
import dev.fidelius.operator.backend.SecretRequest;
import dev.fidelius.operator.backend.SecretScope;
import dev.fidelius.operator.backend.SecretValue;
import dev.fidelius.operator.backend.ValueCache;
import dev.fidelius.operator.backend.VersionSelector;
import dev.fidelius.operator.backend.s3.S3StoreConfig.Encryption;
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

/** What "KMS + S3" users rely on beyond the contract, against moto's S3 and KMS. */
@ExtendWith(TestServers.class)
class S3BackendIT {

  private static final String PREFIX = "team/";

  private static AwsTestClients clients;
  private static AwsTestClients writer;
  private static MotoObjects objects;
  private static String keyId;
  private static String bucket;
  private static MotoServer server;

  @BeforeAll
  static void start(MotoServer moto) {
    server = moto;
    clients = new AwsTestClients();
    writer = new AwsTestClients();
    objects =
        new MotoObjects(
            writer
                .factory()
                .s3(MotoServer.REGION, MotoServer.CREDENTIALS, Optional.of(moto.endpoint())),
            writer.kms(moto.endpoint()));
    bucket = "s3-it-" + UUID.randomUUID().toString().substring(0, 8);
    objects.createBucket(bucket, true);
    keyId = objects.createKey();
  }

  @AfterAll
  static void stop() {
    clients.close();
    writer.close();
  }

  private static S3Backend backend(
      String bucketName, Encryption encryption, boolean fideliusContext) {
    S3StoreConfig config =
        S3StoreConfig.of(MotoServer.REGION, bucketName, "s3-it-" + UUID.randomUUID())
            .withPrefix(PREFIX)
            .withEncryption(encryption, fideliusContext)
            .withEndpoints(AwsEndpoints.all(server.endpoint()));
    return S3Backend.connect(
        config, clients.factory(), MotoServer.CREDENTIALS, new ValueCache(8 << 20));
  }

  private static SecretId freshId(String name) {
    return new SecretId(
        new SecretScope("s3" + UUID.randomUUID().toString().substring(0, 8), null, "dev"), name);
  }

  private static Outcome<SecretValue> latest(S3Backend backend, SecretId id) {
    return backend.read(List.of(SecretRequest.latest(id))).get(SecretRequest.latest(id));
  }

  @Test
  void aDamagedCiphertextIsAnErrorNeverData() {
    SecretId id = freshId("damaged");
    byte[] blob = objects.encrypt(keyId, "hunter2-damaged", Map.of());
    blob[blob.length - 3] ^= 0x5a;
    objects.put(bucket, MotoObjects.key(PREFIX, id), blob);

    Outcome<SecretValue> read = latest(backend(bucket, Encryption.KMS_ENVELOPE, false), id);

    assertThat(read.isOk()).isFalse();
    assertThat(read.error().kind()).isEqualTo(ErrorKind.DECRYPT_FAILED);
    assertThat(read.toString()).doesNotContain("hunter2");
  }

  @Test
  void anEmptyOrOversizedEnvelopeObjectIsMalformedOrRefused() {
    SecretId empty = freshId("empty");
    SecretId huge = freshId("huge");
    objects.put(bucket, MotoObjects.key(PREFIX, empty), new byte[0]);
    objects.put(bucket, MotoObjects.key(PREFIX, huge), new byte[S3Backend.MAX_ENVELOPE_BYTES + 10]);
    S3Backend backend = backend(bucket, Encryption.KMS_ENVELOPE, false);

    assertThat(latest(backend, empty).error().kind()).isEqualTo(ErrorKind.MALFORMED);
    assertThat(latest(backend, huge).error().kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
  }

  @Test
  void readsTheBase64CiphertextAwsKmsEncryptPrints() {
    SecretId id = freshId("printed");
    objects.putEnvelopeBase64(bucket, MotoObjects.key(PREFIX, id), keyId, "from-the-cli");

    assertThat(latest(backend(bucket, Encryption.KMS_ENVELOPE, false), id).value().text())
        .contains("from-the-cli");
  }

  @Test
  void theFideliusContextBindsAnObjectToItsApplicationAndSdlc() {
    SecretId id = freshId("bound");
    SecretScope prod = new SecretScope(id.scope().application(), null, "prod");
    // A prod object copied under the dev key: KMS refuses it under the dev context.
    objects.putEnvelope(
        bucket, MotoObjects.key(PREFIX, id), keyId, "prod-value", ObjectDecoder.contextOf(prod));

    Outcome<SecretValue> read = latest(backend(bucket, Encryption.KMS_ENVELOPE, true), id);

    assertThat(read.isOk()).isFalse();
    assertThat(read.error().kind()).isIn(ErrorKind.DECRYPT_FAILED, ErrorKind.ACCESS_DENIED);
  }

  @Test
  void serverSideEncryptedObjectsAreReadAsTheyAre() {
    SecretId id = freshId("sse");
    String first = objects.putServerSide(bucket, MotoObjects.key(PREFIX, id), "sse-one", keyId);
    objects.putServerSide(bucket, MotoObjects.key(PREFIX, id), "sse-two", keyId);
    S3Backend backend = backend(bucket, Encryption.SERVER_SIDE, false);
    SecretRequest pinned = new SecretRequest(id, VersionSelector.exact(first));

    assertThat(latest(backend, id).value().text()).contains("sse-two");
    assertThat(backend.read(List.of(pinned)).get(pinned).value().text()).contains("sse-one");
    var before = clients.counter().snapshot();
    assertThat(backend.read(List.of(pinned)).get(pinned).value().text()).contains("sse-one");
    assertThat(clients.counter().since(before)).as("a pinned VersionId is read once").isEmpty();
  }

  @Test
  void aServerSideVersionChangeDetectionSawCostsNoSecondGetObject() {
    SecretId id = freshId("sse-rotated");
    objects.putServerSide(bucket, MotoObjects.key(PREFIX, id), "sse-before", keyId);
    S3Backend backend = backend(bucket, Encryption.SERVER_SIDE, false);
    assertThat(latest(backend, id).value().text()).contains("sse-before");
    String rotated = objects.putServerSide(bucket, MotoObjects.key(PREFIX, id), "sse-after", keyId);

    var before = clients.counter().snapshot();
    assertThat(backend.currentVersions(List.of(id))).containsEntry(id, Outcome.ok(rotated));
    SecretRequest pinned = new SecretRequest(id, VersionSelector.exact(rotated));
    assertThat(backend.read(List.of(pinned)).get(pinned).value().text()).contains("sse-after");

    assertThat(clients.counter().since(before))
        .containsExactly(
            Map.entry(new dev.fidelius.operator.aws.AwsCallCounter.Call("s3", "GetObject"), 1L),
            Map.entry(
                new dev.fidelius.operator.aws.AwsCallCounter.Call("s3", "ListObjectsV2"), 1L));
  }

  @Test
  void aMissingObjectIsNotFoundButAMissingBucketIsNoConfirmationThatASecretIsGone() {
    SecretId id = freshId("absent");
    Outcome<String> missingObject =
        backend(bucket, Encryption.KMS_ENVELOPE, false).currentVersions(List.of(id)).get(id);
    Outcome<String> missingBucket =
        backend(
                "no-such-bucket-" + UUID.randomUUID().toString().substring(0, 8),
                Encryption.KMS_ENVELOPE,
                false)
            .currentVersions(List.of(id))
            .get(id);

    assertThat(missingObject.error().kind()).isEqualTo(ErrorKind.NOT_FOUND);
    assertThat(missingObject.error().message()).contains(MotoObjects.key(PREFIX, id));
    assertThat(missingBucket.error().kind()).isEqualTo(ErrorKind.UNAVAILABLE);
  }

  @Test
  void binaryPlaintextIsMarkedBinary() {
    SecretId id = freshId("keystore");
    byte[] notUtf8 = {(byte) 0xff, (byte) 0xfe, 0, 1, 2};
    String plainBucket = "s3-it-bin-" + UUID.randomUUID().toString().substring(0, 8);
    objects.createBucket(plainBucket, false);
    objects.put(plainBucket, MotoObjects.key(PREFIX, id), notUtf8);

    Outcome<SecretValue> read = latest(backend(plainBucket, Encryption.SERVER_SIDE, false), id);

    assertThat(read.value().binary()).isTrue();
    assertThat(read.value().bytes()).isEqualTo(notUtf8);
  }
}
