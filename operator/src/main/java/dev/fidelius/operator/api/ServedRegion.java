package dev.fidelius.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** Which region of a store with failover regions serves reads, and since when. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ServedRegion {

  @JsonPropertyDescription("The AWS region reads go to.")
  private String region;

  @JsonPropertyDescription("Since when (RFC 3339) reads go to that region.")
  private String since;

  @JsonPropertyDescription("True while that region is not the store's primary region.")
  private Boolean failover;

  public ServedRegion() {}

  public ServedRegion(String region, String since, boolean failover) {
    this.region = region;
    this.since = since;
    this.failover = failover;
  }

  public String getRegion() {
    return region;
  }

  public void setRegion(String region) {
    this.region = region;
  }

  public String getSince() {
    return since;
  }

  public void setSince(String since) {
    this.since = since;
  }

  public Boolean getFailover() {
    return failover;
  }

  public void setFailover(Boolean failover) {
    this.failover = failover;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ServedRegion other
        && Objects.equals(region, other.region)
        && Objects.equals(since, other.since)
        && Objects.equals(failover, other.failover);
  }

  @Override
  public int hashCode() {
    return Objects.hash(region, since, failover);
  }
}
