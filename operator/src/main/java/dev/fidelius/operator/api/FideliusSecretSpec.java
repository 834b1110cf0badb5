package dev.fidelius.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/**
 * What to sync: application, component and SDLC in a store, the secrets, and the Secret to write.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class FideliusSecretSpec {

  @JsonPropertyDescription("The store to read from.")
  @Required
  private StoreRef storeRef;

  @JsonPropertyDescription(
      "Fidelius application (no dots). Upper-cased in the Fidelius store's names.")
  @Required
  @Pattern("^[^.\\s/]+$")
  @Size(max = 128)
  private String application;

  @JsonPropertyDescription("Fidelius component (optional, no dots). Lower-cased in names.")
  @Pattern("^[^.\\s/]+$")
  @Size(max = 128)
  private String component;

  @JsonPropertyDescription("SDLC such as dev, qa or prod (no dots). Lower-cased in names.")
  @Required
  @Pattern("^[^.\\s/]+$")
  @Size(max = 128)
  private String sdlc;

  @JsonPropertyDescription(
      "Secrets synced one key each (at most " + SpecLimits.MAX_DATA_ITEMS + ").")
  @Size(max = SpecLimits.MAX_DATA_ITEMS)
  private List<SecretDataItem> data;

  @JsonPropertyDescription(
      "Sources that expand into several keys (at most " + SpecLimits.MAX_DATA_FROM + ").")
  @Size(max = SpecLimits.MAX_DATA_FROM)
  private List<DataFromSource> dataFrom;

  @JsonPropertyDescription(
      "How stale the Secret may get, as a duration (30s, 5m, 1h30m). 0 syncs once. Default: the store's refreshInterval, else the operator's default (1h).")
  @Pattern("^(0|([0-9]+(\\.[0-9]+)?(ms|s|m|h))+)$")
  private String refreshInterval;

  @JsonPropertyDescription(
      "The Secret to write. Defaults: name of the FideliusSecret, Opaque, creationPolicy Owner, deletionPolicy Retain.")
  private SecretTarget target;

  @JsonPropertyDescription(
      "Workloads restarted once each time the synced data changes (not on unchanged refreshes, not when the operator restarts).")
  @Size(max = SpecLimits.MAX_ROLLOUT_TARGETS)
  private List<RolloutRestartTarget> rolloutRestartTargets;

  @JsonPropertyDescription(
      "How rolloutRestartTargets are restarted: changes coalesce within a window, and a workload restarts at most once per minInterval.")
  private RolloutRestartPolicy rolloutRestartPolicy;

  public StoreRef getStoreRef() {
    return storeRef;
  }

  public void setStoreRef(StoreRef storeRef) {
    this.storeRef = storeRef;
  }

  public String getApplication() {
    return application;
  }

  public void setApplication(String application) {
    this.application = application;
  }

  public String getComponent() {
    return component;
  }

  public void setComponent(String component) {
    this.component = component;
  }

  public String getSdlc() {
    return sdlc;
  }

  public void setSdlc(String sdlc) {
    this.sdlc = sdlc;
  }

  public List<SecretDataItem> getData() {
    return data;
  }

  public void setData(List<SecretDataItem> data) {
    this.data = data;
  }

  public List<DataFromSource> getDataFrom() {
    return dataFrom;
  }

  public void setDataFrom(List<DataFromSource> dataFrom) {
    this.dataFrom = dataFrom;
  }

  public String getRefreshInterval() {
    return refreshInterval;
  }

  public void setRefreshInterval(String refreshInterval) {
    this.refreshInterval = refreshInterval;
  }

  public SecretTarget getTarget() {
    return target;
  }

  public void setTarget(SecretTarget target) {
    this.target = target;
  }

  public List<RolloutRestartTarget> getRolloutRestartTargets() {
    return rolloutRestartTargets;
  }

  public void setRolloutRestartTargets(List<RolloutRestartTarget> rolloutRestartTargets) {
    this.rolloutRestartTargets = rolloutRestartTargets;
  }

  public RolloutRestartPolicy getRolloutRestartPolicy() {
    return rolloutRestartPolicy;
  }

  public void setRolloutRestartPolicy(RolloutRestartPolicy rolloutRestartPolicy) {
    this.rolloutRestartPolicy = rolloutRestartPolicy;
  }
}
