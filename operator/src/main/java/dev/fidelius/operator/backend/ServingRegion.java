package dev.fidelius.operator.backend;

import java.time.Instant;
import java.util.Objects;

/**
 * Which region of a store with failover regions reads go to now.
 *
 * @param since when reads moved there (the backend's creation for the primary)
 * @param primary whether it is the store's primary region
 */
public record ServingRegion(String region, Instant since, boolean primary) {

  public ServingRegion {
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(since, "since");
  }
}
