package dev.fidelius.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;
import java.util.Map;

/** Observed state of a FideliusSecret. Messages never contain secret values. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class FideliusSecretStatus {

  @JsonPropertyDescription("The spec generation this status describes.")
  private Long observedGeneration;

  @JsonPropertyDescription(
      "Ready: True when the Secret holds the current data; False with a reason (StoreNotReady, AccessDenied, NotFound, IntegrityError, DecryptFailed, Throttled, BackendUnavailable, InvalidSpec, TargetConflict, ...).")
  private List<Condition> conditions;

  @JsonPropertyDescription("Secret name -> version synced into the Secret.")
  private Map<String, String> syncedVersions;

  @JsonPropertyDescription("When the operator last confirmed the data is current (RFC 3339).")
  private String lastRefreshTime;

  @JsonPropertyDescription("When the Secret's data last changed (RFC 3339).")
  private String lastChangeTime;

  @JsonPropertyDescription("Name of the Secret written.")
  private String targetSecret;

  @JsonPropertyDescription(
      "SHA-256 over the Secret's data (keys and values), as also set in the Secret's fidelius.dev/data-hash annotation.")
  private String dataHash;

  @JsonPropertyDescription(
      "One entry per source read (data entries, found and extracted secrets), in spec order: the first 250.")
  private List<SourceItemStatus> items;

  @JsonPropertyDescription("How many further sources were read beyond those listed in items.")
  private Integer itemsOmitted;

  @JsonPropertyDescription(
      "Sources synced / sources read, for example 5/6 (shown by kubectl get fsec).")
  private String itemsSummary;

  @JsonPropertyDescription(
      "The value of the fidelius.dev/force-sync annotation the last sync honoured.")
  private String forceSyncHonoured;

  @JsonPropertyDescription(
      "Since when a data change waits for its rollout restart (window or minInterval; RFC 3339); absent when none waits.")
  private String restartPendingSince;

  @JsonPropertyDescription(
      "For a store with failoverRegions: the region the last successful sync read, and since when"
          + " this resource is served from it.")
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

  public Map<String, String> getSyncedVersions() {
    return syncedVersions;
  }

  public void setSyncedVersions(Map<String, String> syncedVersions) {
    this.syncedVersions = syncedVersions;
  }

  public String getLastRefreshTime() {
    return lastRefreshTime;
  }

  public void setLastRefreshTime(String lastRefreshTime) {
    this.lastRefreshTime = lastRefreshTime;
  }

  public String getLastChangeTime() {
    return lastChangeTime;
  }

  public void setLastChangeTime(String lastChangeTime) {
    this.lastChangeTime = lastChangeTime;
  }

  public String getTargetSecret() {
    return targetSecret;
  }

  public void setTargetSecret(String targetSecret) {
    this.targetSecret = targetSecret;
  }

  public String getDataHash() {
    return dataHash;
  }

  public void setDataHash(String dataHash) {
    this.dataHash = dataHash;
  }

  public List<SourceItemStatus> getItems() {
    return items;
  }

  public void setItems(List<SourceItemStatus> items) {
    this.items = items;
  }

  public Integer getItemsOmitted() {
    return itemsOmitted;
  }

  public void setItemsOmitted(Integer itemsOmitted) {
    this.itemsOmitted = itemsOmitted;
  }

  public String getItemsSummary() {
    return itemsSummary;
  }

  public void setItemsSummary(String itemsSummary) {
    this.itemsSummary = itemsSummary;
  }

  public String getRestartPendingSince() {
    return restartPendingSince;
  }

  public void setRestartPendingSince(String restartPendingSince) {
    this.restartPendingSince = restartPendingSince;
  }

  public String getForceSyncHonoured() {
    return forceSyncHonoured;
  }

  public void setForceSyncHonoured(String forceSyncHonoured) {
    this.forceSyncHonoured = forceSyncHonoured;
  }

  public ServedRegion getServedBy() {
    return servedBy;
  }

  public void setServedBy(ServedRegion servedBy) {
    this.servedBy = servedBy;
  }
}
