package dev.fidelius.operator.backend.secretsmanager;

import dev.fidelius.operator.backend.SecretId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.secretsmanager.model.Filter;
import software.amazon.awssdk.services.secretsmanager.model.FilterNameStringType;

/**
 * One ListSecrets query, paginated: up to ten name prefixes (Secrets Manager's limit on the values
 * of one filter, which it ORs), each the prefix of a whole scope or one secret's full name, which
 * is a prefix of itself.
 */
record ListingQuery(List<NamePrefix> prefixes) {

  static final int MAX_FILTER_VALUES = 10;
  static final int PAGE_SIZE = 100;

  /**
   * One value of the name filter.
   *
   * @param application the canonical application of the secrets it finds, for the tag filter
   * @param wholeScope true for a scope's prefix, false for one secret's full name
   * @param expectedEntries how many secrets it is expected to list, for estimating pages
   * @param ids the ids this value is meant to find
   */
  record NamePrefix(
      String value,
      String application,
      boolean wholeScope,
      int expectedEntries,
      List<SecretId> ids) {
    NamePrefix {
      ids = List.copyOf(ids);
    }
  }

  ListingQuery {
    prefixes = List.copyOf(prefixes);
    if (prefixes.isEmpty() || prefixes.size() > MAX_FILTER_VALUES) {
      throw new IllegalArgumentException(
          "a listing takes 1 to " + MAX_FILTER_VALUES + " name prefixes");
    }
  }

  /** The ids this query is meant to find. */
  List<SecretId> ids() {
    return prefixes.stream().flatMap(p -> p.ids().stream()).toList();
  }

  /**
   * ListSecrets calls this query is expected to take: one page per hundred secrets, at least one.
   */
  int estimatedCalls() {
    int entries = prefixes.stream().mapToInt(NamePrefix::expectedEntries).sum();
    return Math.max(1, (entries + PAGE_SIZE - 1) / PAGE_SIZE);
  }

  /**
   * The filters: names, and with discovery by tags also the Application tag. Filters of different
   * keys are ANDed by Secrets Manager, so the tag filters only narrow the pages; tags are still
   * checked exactly on every listed secret, because the service matches tag keys and values
   * independently and by prefix.
   */
  List<Filter> filters(boolean byTags) {
    List<Filter> filters = new ArrayList<>();
    filters.add(
        filter(FilterNameStringType.NAME, prefixes.stream().map(NamePrefix::value).toList()));
    if (byTags) {
      filters.add(filter(FilterNameStringType.TAG_KEY, List.of(ScopeMembership.APPLICATION_TAG)));
      filters.add(
          filter(
              FilterNameStringType.TAG_VALUE,
              prefixes.stream().map(NamePrefix::application).distinct().toList()));
    }
    return filters;
  }

  /** For messages: {@code names starting with APP.dev., APP.prod.db}. */
  String describe() {
    return prefixes.stream()
        .map(NamePrefix::value)
        .collect(Collectors.joining(", ", "names starting with ", ""));
  }

  private static Filter filter(FilterNameStringType key, List<String> values) {
    return Filter.builder().key(key).values(values).build();
  }
}
