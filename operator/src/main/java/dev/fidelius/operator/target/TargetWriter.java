package dev.fidelius.operator.target;

import io.fabric8.kubernetes.api.model.Secret;
import java.util.Map;

/** Writes a FideliusSecret's rendered data into its target Secret, only when it differs. */
public interface TargetWriter {

  /**
   * @param existing the target as it is now, or null when absent
   * @param data the desired data (target key -> bytes)
   * @param dataHash hash of data and type
   */
  WriteResult write(TargetSpec target, Secret existing, Map<String, byte[]> data, String dataHash);
}
