package dev.fidelius.operator.backend.parameterstore;

import dev.fidelius.operator.backend.BackendError;
import dev.fidelius.operator.backend.ErrorKind;
import dev.fidelius.operator.backend.Outcome;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ssm.model.DescribeParametersRequest;
import software.amazon.awssdk.services.ssm.model.DescribeParametersResponse;
import software.amazon.awssdk.services.ssm.model.ParameterMetadata;
import software.amazon.awssdk.services.ssm.model.ParameterStringFilter;

/**
 * Metadata of parameters, never a value: DescribeParameters pages of fifty (the service's largest),
 * filtered by up to fifty exact names per call (change detection) or by a path, recursively
 * (listings).
 */
final class ParameterDescriber {

  static final int PAGE_SIZE = 50;
  static final int MAX_NAMES_PER_CALL = 50;

  /**
   * 50,000 parameters under one filter is far beyond any scope: more pages means a token that never
   * ends.
   */
  private static final int MAX_PAGES = 1000;

  private final ParameterStoreApi api;
  private final SeenVersions seen;

  ParameterDescriber(ParameterStoreApi api, SeenVersions seen) {
    this.api = api;
    this.seen = seen;
  }

  /**
   * The current version of each name that exists; a name left out does not exist. A failure fails
   * the names of its call, and throttling or an outage the names after it too, without further
   * calls.
   */
  Map<String, Outcome<ListedParameter>> byNames(Collection<String> names) {
    List<String> distinct = List.copyOf(new LinkedHashSet<>(names));
    Map<String, Outcome<ListedParameter>> results = new HashMap<>();
    for (int from = 0; from < distinct.size(); from += MAX_NAMES_PER_CALL) {
      List<String> chunk =
          distinct.subList(from, Math.min(distinct.size(), from + MAX_NAMES_PER_CALL));
      ParameterStringFilter filter =
          ParameterStringFilter.builder().key("Name").option("Equals").values(chunk).build();
      // An exact-name filter finds at most one parameter per name: once all are found, no page is
      // left to read.
      Outcome<List<ListedParameter>> listed =
          run(filter, chunk.size() + " parameter names", chunk.size());
      if (listed.isOk()) {
        listed.value().stream()
            .filter(p -> chunk.contains(p.name()))
            .forEach(p -> results.put(p.name(), Outcome.ok(p)));
        continue;
      }
      BackendError error = listed.error();
      boolean struggling =
          error.kind() == ErrorKind.THROTTLED || error.kind() == ErrorKind.UNAVAILABLE;
      distinct
          .subList(from, struggling ? distinct.size() : from + chunk.size())
          .forEach(name -> results.put(name, Outcome.failed(error)));
      if (struggling) {
        return results;
      }
    }
    return results;
  }

  /** Every parameter under the path, at any depth. */
  Outcome<List<ListedParameter>> underPath(String path) {
    ParameterStringFilter filter =
        ParameterStringFilter.builder().key("Path").option("Recursive").values(path).build();
    return run(filter, "parameters under " + path, Integer.MAX_VALUE);
  }

  private Outcome<List<ListedParameter>> run(
      ParameterStringFilter filter, String what, int atMost) {
    List<ListedParameter> listed = new ArrayList<>();
    String nextToken = null;
    try {
      for (int page = 0; page < MAX_PAGES; page++) {
        DescribeParametersResponse response =
            api.describeParameters(
                DescribeParametersRequest.builder()
                    .parameterFilters(filter)
                    .maxResults(PAGE_SIZE)
                    .nextToken(nextToken)
                    .build());
        for (ParameterMetadata metadata : response.parameters()) {
          if (metadata.name() != null && metadata.version() != null) {
            ListedParameter parameter =
                new ListedParameter(
                    metadata.name(), metadata.version(), metadata.lastModifiedDate());
            seen.saw(parameter);
            listed.add(parameter);
          }
        }
        nextToken = response.nextToken();
        if (nextToken == null || nextToken.isEmpty() || listed.size() >= atMost) {
          return Outcome.ok(listed);
        }
      }
    } catch (RuntimeException e) {
      return Outcome.failed(
          ParameterStoreErrors.ofCall("Parameter Store DescribeParameters of " + what, e));
    }
    return Outcome.failed(
        ErrorKind.UNAVAILABLE,
        "Parameter Store DescribeParameters of "
            + what
            + " did not end after "
            + MAX_PAGES
            + " pages");
  }
}
