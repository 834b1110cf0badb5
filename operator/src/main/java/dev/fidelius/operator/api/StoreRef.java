package dev.fidelius.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** Names the store a FideliusSecret reads from. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class StoreRef {

  @JsonPropertyDescription("Name of the FideliusStore (in this namespace) or ClusterFideliusStore.")
  @Required
  @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")
  private String name;

  @JsonPropertyDescription("FideliusStore (default) or ClusterFideliusStore.")
  @Default("FideliusStore")
  private StoreKind kind;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public StoreKind getKind() {
    return kind;
  }

  public void setKind(StoreKind kind) {
    this.kind = kind;
  }
}
