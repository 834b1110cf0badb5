package dev.fidelius.operator.backend.secretsmanager;

import dev.fidelius.operator.backend.AwsErrors;
import dev.fidelius.operator.backend.ErrorKind;
import dev.fidelius.operator.backend.Outcome;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.secretsmanager.model.ListSecretsRequest;
import software.amazon.awssdk.services.secretsmanager.model.ListSecretsResponse;

/**
 * Runs one {@link ListingQuery} through all its ListSecrets pages. Secrets scheduled for deletion
 * are listed too (at no extra cost), so that callers can say so instead of a vaguer "not found".
 */
final class PagedListing {

  /**
   * 100,000 secrets under ten prefixes is far beyond any scope: more pages means a token that never
   * ends.
   */
  private static final int MAX_PAGES = 1000;

  private final SecretsManagerApi api;
  private final boolean byTags;

  PagedListing(SecretsManagerApi api, boolean byTags) {
    this.api = api;
    this.byTags = byTags;
  }

  Outcome<List<ListedSecret>> run(ListingQuery query) {
    List<ListedSecret> listed = new ArrayList<>();
    String nextToken = null;
    try {
      for (int page = 0; page < MAX_PAGES; page++) {
        ListSecretsResponse response =
            api.listSecrets(
                ListSecretsRequest.builder()
                    .filters(query.filters(byTags))
                    .maxResults(ListingQuery.PAGE_SIZE)
                    .includePlannedDeletion(true)
                    .nextToken(nextToken)
                    .build());
        response.secretList().forEach(entry -> listed.add(ListedSecret.of(entry)));
        nextToken = response.nextToken();
        if (nextToken == null || nextToken.isEmpty()) {
          return Outcome.ok(listed);
        }
      }
    } catch (RuntimeException e) {
      return Outcome.failed(
          AwsErrors.classify("Secrets Manager ListSecrets of " + query.describe(), e));
    }
    return Outcome.failed(
        ErrorKind.UNAVAILABLE,
        "Secrets Manager ListSecrets of "
            + query.describe()
            + " did not end after "
            + MAX_PAGES
            + " pages");
  }
}
