package dev.fidelius.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Size;
import java.util.Map;

/**
 * Values computed from the synced keys, for example a connection URL. Placeholders are {{ .key }}
 * with optional filters: {{ .password | urlquery }}; filters are urlquery, base64, base64decode,
 * trim, upper, lower, json.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SecretTemplate {

  @JsonPropertyDescription(
      "Target key -> template text (at most "
          + SpecLimits.MAX_TEMPLATE_KEYS
          + " keys of at most "
          + SpecLimits.MAX_TEMPLATE_CHARS
          + " characters; at most 8 filters a placeholder; rendering stops at the"
          + " Secret size limit).")
  @Size(max = SpecLimits.MAX_TEMPLATE_KEYS)
  private Map<String, @Size(max = SpecLimits.MAX_TEMPLATE_CHARS) String> data;

  @JsonPropertyDescription(
      "Merge (default): synced keys plus template keys. Replace: only template keys.")
  @Default("Merge")
  private MergePolicy mergePolicy;

  public Map<String, String> getData() {
    return data;
  }

  public void setData(Map<String, String> data) {
    this.data = data;
  }

  public MergePolicy getMergePolicy() {
    return mergePolicy;
  }

  public void setMergePolicy(MergePolicy mergePolicy) {
    this.mergePolicy = mergePolicy;
  }
}
