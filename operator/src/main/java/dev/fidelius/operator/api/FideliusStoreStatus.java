package dev.fidelius.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

/** Observed state of a store. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class FideliusStoreStatus {

  @JsonPropertyDescription("The spec generation this status describes.")
  private Long observedGeneration;

  @JsonPropertyDescription("Ready: the spec is valid and the store answered a probe.")
  private List<Condition> conditions;

  @JsonPropertyDescription(
      "For a store with failoverRegions: the region reads go to now, and since when (absent until"
          + " a FideliusSecret reads the store).")
  private ServedRegion servedBy;

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions;
  }

  public ServedRegion getServedBy() {
    return servedBy;
  }

  public void setServedBy(ServedRegion servedBy) {
    this.servedBy = servedBy;
  }
}
