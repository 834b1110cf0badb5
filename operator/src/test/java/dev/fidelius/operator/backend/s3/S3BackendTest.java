package dev.fidelius.operator.backend.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.operator.backend.ErrorKind;
import dev.fidelius.operator.backend.Outcome;
import dev.fidelius.operator.backend.SecretId;
import dev.fidelius.operator.backend.SecretRequest;
import dev.fidelius.operator.backend.SecretScope;
import dev.fidelius.operator.backend.SecretValue;
import dev.fidelius.operator.backend.ValueCache;
import dev.fidelius.operator.backend.VersionSelector;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Call discipline and failures moto cannot produce, on hand-written fakes of the S3 and KMS seams.
 */
class S3BackendTest {

  private static final SecretId ID = new SecretId(new SecretScope("app", null, "dev"), "token");
  private static final String KEY = "APP/dev/token";

  /**
   * One versioned object per key; {@code "ciphertext:<value>"} bodies that the fake KMS "decrypts".
   */
  private final Map<String, String> bodies = new HashMap<>();

  private final List<String> calls = new ArrayList<>();
  private RuntimeException listFailure;
  private RuntimeException kmsFailure;

  private final S3Api s3 =
      new S3Api() {
        @Override
        public ListObjectsV2Response listObjectsV2(ListObjectsV2Request request) {
          calls.add("ListObjectsV2");
          if (listFailure != null) {
            throw listFailure;
          }
          return ListObjectsV2Response.builder()
              .isTruncated(false)
              .contents(
                  bodies.keySet().stream()
                      .filter(k -> k.startsWith(request.prefix()))
                      .map(k -> S3Object.builder().key(k).eTag("\"" + etag(k) + "\"").build())
                      .toList())
              .build();
        }

        @Override
        public ResponseBytes<GetObjectResponse> getObject(GetObjectRequest request) {
          calls.add("GetObject");
          String key = request.key();
          return ResponseBytes.fromByteArray(
              GetObjectResponse.builder()
                  .eTag("\"" + etag(key) + "\"")
                  .versionId("v-" + etag(key))
                  .lastModified(Instant.EPOCH)
                  .build(),
              bodies.get(key).getBytes(StandardCharsets.UTF_8));
        }
      };

  private final KmsApi kms =
      (blob, context) -> {
        calls.add("Decrypt");
        if (kmsFailure != null) {
          throw kmsFailure;
        }
        return new String(blob, StandardCharsets.UTF_8)
            .substring("ciphertext:".length())
            .getBytes(StandardCharsets.UTF_8);
      };

  private final S3Backend backend =
      new S3Backend(
          S3StoreConfig.of(Region.US_EAST_1, "bucket", "unit"), s3, kms, new ValueCache(1 << 20));

  private String etag(String key) {
    return String.format("%032x", bodies.get(key).hashCode() & 0xffffffffL);
  }

  private String write(String value) {
    bodies.put(KEY, "ciphertext:" + value);
    return "v-" + etag(KEY);
  }

  private static S3Exception awsError(String code, int status) {
    return (S3Exception)
        S3Exception.builder()
            .awsErrorDetails(
                AwsErrorDetails.builder()
                    .errorCode(code)
                    .errorMessage(code + " from the fake")
                    .build())
            .statusCode(status)
            .build();
  }

  @Test
  void newContentCostsOneGetObjectAndOneDecryptAndNoKmsCallDuringDetection() {
    String v1 = write("one");
    assertThat(backend.currentVersions(List.of(ID))).containsEntry(ID, Outcome.ok(v1));
    assertThat(calls).containsExactly("ListObjectsV2", "GetObject");

    calls.clear();
    SecretRequest pinned = new SecretRequest(ID, VersionSelector.exact(v1));
    assertThat(backend.read(List.of(pinned)).get(pinned).value().text()).contains("one");
    assertThat(calls)
        .as("the body detection read is decrypted without another GetObject")
        .containsExactly("Decrypt");

    calls.clear();
    assertThat(backend.currentVersions(List.of(ID))).containsEntry(ID, Outcome.ok(v1));
    assertThat(backend.read(List.of(pinned)).get(pinned).isOk()).isTrue();
    assertThat(calls)
        .as("unchanged content: one listing, nothing else")
        .containsExactly("ListObjectsV2");
  }

  @Test
  void aKmsRefusalIsAccessDeniedAndHoldsNoValue() {
    write("hunter2-never-print");
    kmsFailure = awsError("AccessDeniedException", 400);

    Outcome<SecretValue> read =
        backend.read(List.of(SecretRequest.latest(ID))).get(SecretRequest.latest(ID));

    assertThat(read.error().kind()).isEqualTo(ErrorKind.ACCESS_DENIED);
    assertThat(read.toString()).doesNotContain("hunter2").contains(KEY);
  }

  @Test
  void aThrottledListingIsNoConfirmationThatAnythingIsGone() {
    write("one");
    listFailure = awsError("SlowDown", 503);

    Outcome<String> version = backend.currentVersions(List.of(ID)).get(ID);

    assertThat(version.error().kind()).isEqualTo(ErrorKind.THROTTLED);
    assertThat(calls).containsExactly("ListObjectsV2");
  }

  @Test
  void stagesAreRefusedBeforeAnyCall() {
    SecretRequest staged = new SecretRequest(ID, VersionSelector.stage("AWSPREVIOUS"));

    assertThat(backend.read(List.of(staged)).get(staged).error().kind())
        .isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(calls).isEmpty();
  }
}
