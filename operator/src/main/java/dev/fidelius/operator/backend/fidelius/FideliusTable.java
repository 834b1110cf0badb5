package dev.fidelius.operator.backend.fidelius;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The DynamoDB calls a Fidelius store needs, one method per access pattern, so that the reader
 * speaks in names and versions and unit tests can run on an in-memory table. Methods throw the AWS
 * SDK's exceptions; callers turn them into typed errors with their own context.
 *
 * <p>Only versions that start with {@code 0} count as numbered versions, as in Fidelius's own
 * queries: credstash lets users store arbitrary version strings, which must not win a "newest"
 * comparison.
 */
interface FideliusTable {

  /** The table's name, for messages. */
  String name();

  /**
   * The newest numbered version of a name (version only, strongly consistent), empty when there is
   * none.
   */
  Optional<String> newestVersion(String fullName);

  /** The newest numbered version's whole item (strongly consistent), empty when there is none. */
  Optional<Map<String, AttributeValue>> newestItem(String fullName);

  /** One version's whole item (strongly consistent), empty when that version does not exist. */
  Optional<Map<String, AttributeValue>> item(String fullName, String paddedVersion);

  /**
   * Whole items by key (strongly consistent), as few calls as possible (BatchGetItem, {@link
   * #MAX_KEYS_PER_BATCH} keys a call). Each key answered maps to its item, or to empty when that
   * item does not exist; keys DynamoDB left unprocessed after a few tries are left out, for the
   * caller to read some other way.
   */
  Map<ItemKey, Optional<Map<String, AttributeValue>>> items(Collection<ItemKey> keys);

  /** BatchGetItem's limit. */
  int MAX_KEYS_PER_BATCH = 100;

  /**
   * The newest numbered version of every name starting with one of the prefixes, from one paginated
   * projection scan (eventually consistent) of at most {@code maxPages} pages: a table that takes
   * more is not answered ({@link VersionScan#complete()} false).
   */
  VersionScan newestVersionsByName(Collection<String> namePrefixes, long maxPages);

  /** The same, however many pages the table takes. */
  default Map<String, VersionRow> newestVersionsByName(Collection<String> namePrefixes) {
    return newestVersionsByName(namePrefixes, Long.MAX_VALUE).rows();
  }
}
