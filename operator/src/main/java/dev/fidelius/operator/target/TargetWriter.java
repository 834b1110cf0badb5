package dev.fidelius.operator.target;

import java.util.Map;

/** Writes a FideliusSecret's rendered data into its target Secret, only when it differs. */
public interface TargetWriter {

  /**
   * @param existing the target as it is now
   * @param data the desired data (target key -> bytes)
   * @param dataHash hash of data and type
   */
  WriteResult write(
      TargetSpec target, ObservedTarget existing, Map<String, byte[]> data, String dataHash);
}
