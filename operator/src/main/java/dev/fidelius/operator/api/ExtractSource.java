package dev.fidelius.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** One JSON secret whose top-level properties each become a key. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ExtractSource {

  @JsonPropertyDescription("Short name of the JSON secret.")
  @Required
  @Pattern("^\\S+$")
  @Size(max = SpecLimits.MAX_NAME_CHARS)
  private String name;

  @JsonPropertyDescription("Pin one immutable version. Default: the latest.")
  @Pattern("^\\S+$")
  @Size(max = SpecLimits.MAX_NAME_CHARS)
  private String version;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getVersion() {
    return version;
  }

  public void setVersion(String version) {
    this.version = version;
  }
}
