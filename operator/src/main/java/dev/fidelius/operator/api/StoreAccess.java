package dev.fidelius.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/**
 * Who may use the store. A ClusterFideliusStore without rules admits nobody; a FideliusStore
 * without rules admits its own namespace for any application and sdlc.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class StoreAccess {

  @JsonPropertyDescription("Rules; a FideliusSecret is admitted when any rule matches.")
  private List<AccessRule> rules;

  public List<AccessRule> getRules() {
    return rules;
  }

  public void setRules(List<AccessRule> rules) {
    this.rules = rules;
  }
}
