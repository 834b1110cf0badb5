package dev.fidelius.operator.sync;

import java.time.Instant;
import java.util.Map;

/**
 * What a FideliusSecret synced last, from its status: short secret name -> version, and when.
 *
 * @param syncedAt when the last successful sync completed, or null when it never did
 */
public record PriorSync(Map<String, String> versions, Instant syncedAt) {

  public static final PriorSync NONE = new PriorSync(Map.of(), null);

  public PriorSync {
    versions = versions == null ? Map.of() : Map.copyOf(versions);
  }
}
