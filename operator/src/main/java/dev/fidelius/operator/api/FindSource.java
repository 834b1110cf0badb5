package dev.fidelius.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * Every secret of the FideliusSecret's application/component/sdlc, optionally filtered.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class FindSource {

  @JsonPropertyDescription("Only secrets whose short name matches this regular expression (Java syntax, unanchored).")
  private String nameRegex;

  public String getNameRegex() {
    return nameRegex;
  }

  public void setNameRegex(String nameRegex) {
    this.nameRegex = nameRegex;
  }

}
