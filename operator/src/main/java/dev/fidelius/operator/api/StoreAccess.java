package dev.fidelius.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/**
 * Who may use the store. A ClusterFideliusStore without rules admits nobody; a FideliusStore
 * without rules admits its own namespace for any application and sdlc. Deny rules are evaluated
 * first: a FideliusSecret that one matches is refused whatever the rules admit.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class StoreAccess {

  @JsonPropertyDescription("Rules; a FideliusSecret is admitted when any rule matches.")
  private List<AccessRule> rules;

  @JsonPropertyDescription(
      "Deny rules, evaluated before the rules: a FideliusSecret that a deny rule matches is refused"
          + " whatever the rules admit. Same shape as a rule; a deny rule without namespaces or"
          + " namespaceSelector applies to every namespace the store serves. At most "
          + SpecLimits.MAX_DENY_RULES
          + ".")
  @Size(max = SpecLimits.MAX_DENY_RULES)
  private List<AccessRule> deny;

  public List<AccessRule> getRules() {
    return rules;
  }

  public void setRules(List<AccessRule> rules) {
    this.rules = rules;
  }

  public List<AccessRule> getDeny() {
    return deny;
  }

  public void setDeny(List<AccessRule> deny) {
    this.deny = deny;
  }
}
