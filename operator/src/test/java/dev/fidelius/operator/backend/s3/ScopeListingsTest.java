package dev.fidelius.operator.backend.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.operator.backend.ErrorKind;
import dev.fidelius.operator.backend.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/** How change detection lists many scopes: once under their common prefix when that is cheaper. */
class ScopeListingsTest {

  /** Keys in the bucket; pages of {@link #pageSize} as S3 would cut them. */
  private final TreeSet<String> keys = new TreeSet<>();

  private final List<String> listedPrefixes = new ArrayList<>();
  private String deniedPrefix;
  private final int pageSize = ObjectLister.PAGE_SIZE;

  private final S3Api s3 =
      new S3Api() {
        @Override
        public ListObjectsV2Response listObjectsV2(ListObjectsV2Request request) {
          listedPrefixes.add(request.prefix());
          if (request.prefix().equals(deniedPrefix)) {
            throw S3Exception.builder()
                .statusCode(403)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDenied").build())
                .build();
          }
          List<String> matching =
              keys.stream().filter(k -> k.startsWith(request.prefix())).toList();
          int from =
              request.continuationToken() == null
                  ? 0
                  : Integer.parseInt(request.continuationToken());
          int to = Math.min(matching.size(), from + pageSize);
          boolean truncated = to < matching.size();
          return ListObjectsV2Response.builder()
              .contents(
                  matching.subList(from, to).stream()
                      .map(k -> S3Object.builder().key(k).eTag("\"e\"").build())
                      .toList())
              .isTruncated(truncated)
              .nextContinuationToken(truncated ? String.valueOf(to) : null)
              .build();
        }

        @Override
        public ResponseBytes<GetObjectResponse> getObject(GetObjectRequest request) {
          throw new AssertionError("listing reads no object");
        }
      };

  private final ScopeListings listings = new ScopeListings(new ObjectLister(s3, "bucket"));

  @Test
  void manyScopesAreListedOnceUnderTheirCommonPrefix() {
    List<String> scopes = scopes(50, 30);

    Map<String, Outcome<List<ListedObject>>> listed = listings.list(scopes);

    assertThat(listedPrefixes).containsExactly("store/APP", "store/APP");
    assertThat(listed).hasSize(50);
    assertThat(listed.get("store/APP07/prod/").value())
        .hasSize(30)
        .allSatisfy(o -> assertThat(o.key()).startsWith("store/APP07/prod/"));
  }

  @Test
  void aCommonPrefixHoldingFarMoreThanTheScopesIsGivenUpAndNotTriedAgain() {
    List<String> scopes = scopes(3, 10);
    for (int i = 0; i < 5000; i++) {
      keys.add(String.format("store/APP0X/prod/other_%04d", i));
    }

    assertThat(listings.list(scopes).values()).allSatisfy(o -> assertThat(o.isOk()).isTrue());
    assertThat(listedPrefixes)
        .as("two pages of the common prefix (cheaper than three scopes), then one per scope")
        .containsExactly(
            "store/APP0",
            "store/APP0",
            "store/APP00/prod/",
            "store/APP01/prod/",
            "store/APP02/prod/");

    listedPrefixes.clear();
    listings.list(scopes);
    assertThat(listedPrefixes).doesNotContain("store/APP0");
  }

  @Test
  void aRefusedCommonPrefixFallsBackToOneListingPerScope() {
    List<String> scopes = scopes(2, 5);
    deniedPrefix = "store/APP0";

    Map<String, Outcome<List<ListedObject>>> listed = listings.list(scopes);

    assertThat(listed.values()).allSatisfy(o -> assertThat(o.value()).hasSize(5));
    assertThat(listedPrefixes)
        .containsExactly("store/APP0", "store/APP00/prod/", "store/APP01/prod/");
  }

  @Test
  void anOutageFailsEveryScopeWithoutFurtherCalls() {
    List<String> scopes = scopes(4, 5);
    S3Api failing =
        new S3Api() {
          @Override
          public ListObjectsV2Response listObjectsV2(ListObjectsV2Request request) {
            listedPrefixes.add(request.prefix());
            throw S3Exception.builder()
                .statusCode(503)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("SlowDown").build())
                .build();
          }

          @Override
          public ResponseBytes<GetObjectResponse> getObject(GetObjectRequest request) {
            throw new AssertionError();
          }
        };

    Map<String, Outcome<List<ListedObject>>> listed =
        new ScopeListings(new ObjectLister(failing, "bucket")).list(scopes);

    assertThat(listed.values())
        .hasSize(4)
        .allSatisfy(
            o -> assertThat(o.error().kind()).isIn(ErrorKind.THROTTLED, ErrorKind.UNAVAILABLE));
    assertThat(listedPrefixes).hasSize(1);
  }

  @Test
  void theCommonPrefixOfScopePrefixes() {
    assertThat(ScopeListings.commonPrefix(Set.of("a/APP1/prod/", "a/APP2/dev/")))
        .isEqualTo("a/APP");
    assertThat(ScopeListings.commonPrefix(List.of("A/prod/", "B/prod/"))).isEmpty();
  }

  /** {@code count} scopes of {@code each} objects, their prefixes {@code store/APPnn/prod/}. */
  private List<String> scopes(int count, int each) {
    List<String> prefixes = new ArrayList<>();
    for (int s = 0; s < count; s++) {
      String prefix = String.format("store/APP%02d/prod/", s);
      prefixes.add(prefix);
      for (int i = 0; i < each; i++) {
        keys.add(prefix + "object_" + i);
      }
    }
    return prefixes;
  }
}
