package dev.fidelius.operator.backend.s3;

import dev.fidelius.operator.backend.ErrorKind;
import dev.fidelius.operator.backend.Outcome;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lists the scope prefixes one change-detection pass needs with as few ListObjectsV2 calls as it
 * can: one listing of their longest common prefix when it ends within fewer pages than one listing
 * per scope would take (many applications sharing a store: keys/1000 calls instead of one per
 * scope), else one listing per scope. The shared listing is cut short after that many pages, so
 * trying it costs at most as much again as listing per scope; a common prefix found too big, or
 * refused (an identity allowed only some applications' prefixes), is remembered and not tried
 * again. Thread-safe.
 */
final class ScopeListings {

  /** Common prefixes remembered as not worth listing; forgotten all at once beyond this. */
  private static final int MAX_REMEMBERED = 1000;

  private final ObjectLister lister;
  private final Set<String> notWorthListing = ConcurrentHashMap.newKeySet();

  ScopeListings(ObjectLister lister) {
    this.lister = lister;
  }

  /** The objects under each prefix asked for, or the failure of its listing. */
  Map<String, Outcome<List<ListedObject>>> list(Collection<String> prefixes) {
    Set<String> distinct = new LinkedHashSet<>(prefixes);
    if (distinct.size() > 1) {
      Optional<Map<String, Outcome<List<ListedObject>>>> shared = listShared(distinct);
      if (shared.isPresent()) {
        return shared.get();
      }
    }
    Map<String, Outcome<List<ListedObject>>> results = new LinkedHashMap<>();
    distinct.forEach(prefix -> results.put(prefix, lister.list(prefix)));
    return results;
  }

  private Optional<Map<String, Outcome<List<ListedObject>>>> listShared(Set<String> prefixes) {
    String common = commonPrefix(prefixes);
    if (notWorthListing.contains(common)) {
      return Optional.empty();
    }
    Outcome<Optional<List<ListedObject>>> listed = lister.list(common, prefixes.size() - 1);
    Map<String, Outcome<List<ListedObject>>> results = new LinkedHashMap<>();
    if (listed.isOk() && listed.value().isPresent()) {
      List<ListedObject> all = listed.value().get();
      prefixes.forEach(
          prefix ->
              results.put(
                  prefix,
                  Outcome.ok(all.stream().filter(o -> o.key().startsWith(prefix)).toList())));
      return Optional.of(results);
    }
    if (listed.isOk() || listed.error().kind() == ErrorKind.ACCESS_DENIED) {
      if (notWorthListing.size() >= MAX_REMEMBERED) {
        notWorthListing.clear();
      }
      notWorthListing.add(common);
      return Optional.empty();
    }
    // Throttling or an outage: listing per scope would only add calls that fail the same way.
    prefixes.forEach(prefix -> results.put(prefix, Outcome.failed(listed.error())));
    return Optional.of(results);
  }

  static String commonPrefix(Collection<String> prefixes) {
    String common = null;
    for (String prefix : prefixes) {
      if (common == null) {
        common = prefix;
        continue;
      }
      int length = 0;
      int max = Math.min(common.length(), prefix.length());
      while (length < max && common.charAt(length) == prefix.charAt(length)) {
        length++;
      }
      common = common.substring(0, length);
    }
    return common == null ? "" : common;
  }
}
