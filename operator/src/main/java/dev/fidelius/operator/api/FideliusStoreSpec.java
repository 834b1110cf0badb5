package dev.fidelius.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** Where secrets live, with which identity they are read, and who may use them. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class FideliusStoreSpec {

  @JsonPropertyDescription("Exactly one of dynamodb, secretsManager, parameterStore or s3.")
  @Required
  @Size(min = 1, max = 1)
  private StoreProvider provider;

  @JsonPropertyDescription("Identity used for AWS calls. Default: the operator's own (IRSA).")
  private StoreAuth auth;

  @JsonPropertyDescription("Endpoint URL overrides.")
  private StoreEndpoints endpoints;

  @JsonPropertyDescription("Access rules mapping namespaces to applications and SDLCs.")
  private StoreAccess access;

  @JsonPropertyDescription("Default refreshInterval for FideliusSecrets of this store.")
  @Pattern("^(0|([0-9]+(\\.[0-9]+)?(ms|s|m|h))+)$")
  private String refreshInterval;

  @JsonPropertyDescription(
      "Change events: hear of changes as they happen, and poll only as a safety net.")
  private ChangeEvents changeEvents;

  @JsonPropertyDescription(
      "With failoverRegions on the provider: when reads leave the primary region and come back.")
  private FailoverSettings failover;

  public StoreProvider getProvider() {
    return provider;
  }

  public void setProvider(StoreProvider provider) {
    this.provider = provider;
  }

  public StoreAuth getAuth() {
    return auth;
  }

  public void setAuth(StoreAuth auth) {
    this.auth = auth;
  }

  public StoreEndpoints getEndpoints() {
    return endpoints;
  }

  public void setEndpoints(StoreEndpoints endpoints) {
    this.endpoints = endpoints;
  }

  public StoreAccess getAccess() {
    return access;
  }

  public void setAccess(StoreAccess access) {
    this.access = access;
  }

  public String getRefreshInterval() {
    return refreshInterval;
  }

  public void setRefreshInterval(String refreshInterval) {
    this.refreshInterval = refreshInterval;
  }

  public ChangeEvents getChangeEvents() {
    return changeEvents;
  }

  public void setChangeEvents(ChangeEvents changeEvents) {
    this.changeEvents = changeEvents;
  }

  public FailoverSettings getFailover() {
    return failover;
  }

  public void setFailover(FailoverSettings failover) {
    this.failover = failover;
  }
}
