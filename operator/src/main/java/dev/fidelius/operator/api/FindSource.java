package dev.fidelius.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;

/** Every secret of the FideliusSecret's application/component/sdlc, optionally filtered. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class FindSource {

  @JsonPropertyDescription(
      "Only secrets whose short name matches this regular expression: RE2 syntax"
          + " (https://github.com/google/re2/wiki/Syntax), matched in linear time, unanchored (use ^ and $ to"
          + " anchor). No backreferences or lookaround; counted repetitions {n,m} may multiply to at most 1000."
          + " At most "
          + SpecLimits.MAX_NAME_REGEX_CHARS
          + " characters.")
  @Size(max = SpecLimits.MAX_NAME_REGEX_CHARS)
  private String nameRegex;

  public String getNameRegex() {
    return nameRegex;
  }

  public void setNameRegex(String nameRegex) {
    this.nameRegex = nameRegex;
  }
}
