package dev.fidelius.operator.target;

import io.fabric8.kubernetes.api.model.Secret;
import java.util.Map;

/**
 * Told of each Secret this operator just wrote, so that the informer's echo of that write (the
 * watch event of the very version the API server returned) does not reconcile its FideliusSecret a
 * second time: that reconcile would find nothing to do, but would still read its secrets (at a cold
 * start, one extra AWS read per resource).
 */
@FunctionalInterface
public interface OwnWrites {

  OwnWrites NONE = (written, before) -> {};

  /**
   * Annotations to add to a Secret about to be written, by which the informer recognizes the
   * write's echo even when the watch event arrives before the write's response does (then {@link
   * #written} comes too late to skip it).
   *
   * @param before the Secret as the writer saw it before, or null when the write creates it
   */
  default Map<String, String> echoMark(Secret before) {
    return Map.of();
  }

  /**
   * @param written the Secret as the API server returned it after the write
   * @param before the Secret as the writer saw it before, or null when the write created it
   */
  void written(Secret written, Secret before);
}
