package dev.fidelius.operator.backend.secretsmanager;

import dev.fidelius.operator.backend.SecretId;
import dev.fidelius.operator.backend.secretsmanager.ListingQuery.NamePrefix;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Chooses the cheapest way to learn the current versions of a set of secrets: a DescribeSecret per
 * secret, or ListSecrets queries whose name filter holds, per scope, either the scope's prefix (one
 * filter value, but every secret of the scope is listed) or the full names asked for (one value
 * each, only those listed).
 *
 * <p>Costs are counted in hundredths of a call: a filter value takes a tenth of a call (ten fit in
 * one), a listed secret a hundredth (a hundred fit in a page). A scope's prefix therefore wins when
 * {@code 10 + scopeSize <= 11 * namesAsked}. Scope sizes are learned from earlier listings of the
 * same prefix; a scope never listed is assumed to hold just the names asked for, so its first
 * listing teaches its size.
 *
 * <p>Describing wins ties (in practice: a single secret), because DescribeSecret is strongly
 * consistent and ListSecrets is not. Thread-safe.
 */
final class ListingPlanner {

  private static final int VALUE_COST = 10;
  private static final int ENTRY_COST = 1;

  /** How to learn the current versions. */
  sealed interface Plan permits DescribeEach, ListQueries {}

  record DescribeEach(List<SecretId> ids) implements Plan {}

  record ListQueries(List<ListingQuery> queries) implements Plan {}

  private final SecretsManagerNaming naming;

  /** Secrets last listed per scope prefix. Grows with the scopes in use, which are few. */
  private final Map<String, Integer> scopeSizes = new ConcurrentHashMap<>();

  ListingPlanner(SecretsManagerNaming naming) {
    this.naming = naming;
  }

  Plan plan(Collection<SecretId> ids) {
    List<NamePrefix> values = new ArrayList<>();
    Set<String> names = new HashSet<>();
    groupBy(ids, id -> naming.scopePrefix(id.scope()))
        .forEach(
            (scopePrefix, scopeIds) -> {
              Map<String, List<SecretId>> byName = groupBy(scopeIds, naming::secretName);
              names.addAll(byName.keySet());
              values.addAll(cheaperFilterValues(scopePrefix, scopeIds, byName));
            });
    List<ListingQuery> queries = pack(values);
    int listingCalls = queries.stream().mapToInt(ListingQuery::estimatedCalls).sum();
    if (names.size() <= listingCalls) {
      return new DescribeEach(List.copyOf(ids));
    }
    return new ListQueries(queries);
  }

  /** Learns the size of every whole scope the query listed, for later plans. */
  void learnFrom(ListingQuery query, List<ListedSecret> listed) {
    for (NamePrefix prefix : query.prefixes()) {
      if (prefix.wholeScope()) {
        int size = (int) listed.stream().filter(s -> s.name().startsWith(prefix.value())).count();
        scopeSizes.put(prefix.value(), size);
      }
    }
  }

  private List<NamePrefix> cheaperFilterValues(
      String scopePrefix, List<SecretId> scopeIds, Map<String, List<SecretId>> byName) {
    String application = CanonicalScope.of(scopeIds.get(0).scope()).application();
    int asked = byName.size();
    int scopeSize = scopeSizes.getOrDefault(scopePrefix, asked);
    int byPrefix = VALUE_COST + scopeSize * ENTRY_COST;
    int byNames = asked * (VALUE_COST + ENTRY_COST);
    if (byPrefix <= byNames) {
      return List.of(new NamePrefix(scopePrefix, application, true, scopeSize, scopeIds));
    }
    List<NamePrefix> names = new ArrayList<>();
    byName.forEach(
        (name, nameIds) -> names.add(new NamePrefix(name, application, false, 1, nameIds)));
    return names;
  }

  private static List<ListingQuery> pack(List<NamePrefix> values) {
    List<ListingQuery> queries = new ArrayList<>();
    for (int from = 0; from < values.size(); from += ListingQuery.MAX_FILTER_VALUES) {
      int to = Math.min(values.size(), from + ListingQuery.MAX_FILTER_VALUES);
      queries.add(new ListingQuery(values.subList(from, to)));
    }
    return queries;
  }

  /** Groups in key order, so that the same ids always give the same queries. */
  private static Map<String, List<SecretId>> groupBy(
      Collection<SecretId> ids, Function<SecretId, String> key) {
    Map<String, List<SecretId>> groups = new TreeMap<>();
    ids.forEach(id -> groups.computeIfAbsent(key.apply(id), k -> new ArrayList<>()).add(id));
    return groups;
  }
}
