package dev.fidelius.operator.sync;

import dev.fidelius.operator.api.SpecLimits;
import java.util.Optional;

/**
 * The item counts the CRD schema bounds, checked again in code: a spec stored before the bounds
 * existed (or under an edited CRD) must still not cost more than they allow.
 */
final class SpecBounds {

  private SpecBounds() {}

  /** Why the spec has too many items, or empty. */
  static Optional<String> tooMany(int dataItems, int dataFromItems) {
    if (dataItems > SpecLimits.MAX_DATA_ITEMS) {
      return Optional.of(
          "spec.data has "
              + dataItems
              + " items; at most "
              + SpecLimits.MAX_DATA_ITEMS
              + " are allowed (split the secrets over several FideliusSecrets, or use dataFrom.find)");
    }
    if (dataFromItems > SpecLimits.MAX_DATA_FROM) {
      return Optional.of(
          "spec.dataFrom has "
              + dataFromItems
              + " items; at most "
              + SpecLimits.MAX_DATA_FROM
              + " are allowed");
    }
    return Optional.empty();
  }
}
