package dev.fidelius.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;

/** A source that expands into several keys. Exactly one of find or extract. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DataFromSource {

  @JsonPropertyDescription(
      "Take every secret of the application/component/sdlc; the key is the short name.")
  private FindSource find;

  @JsonPropertyDescription("Expand one JSON secret: each top-level property becomes a key.")
  private ExtractSource extract;

  @JsonPropertyDescription("Prefix added to every key this source produces.")
  @Pattern("^[-._a-zA-Z0-9]+$")
  @Size(max = SpecLimits.MAX_KEY_CHARS)
  private String keyPrefix;

  public FindSource getFind() {
    return find;
  }

  public void setFind(FindSource find) {
    this.find = find;
  }

  public ExtractSource getExtract() {
    return extract;
  }

  public void setExtract(ExtractSource extract) {
    this.extract = extract;
  }

  public String getKeyPrefix() {
    return keyPrefix;
  }

  public void setKeyPrefix(String keyPrefix) {
    this.keyPrefix = keyPrefix;
  }
}
