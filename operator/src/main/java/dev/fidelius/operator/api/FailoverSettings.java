package dev.fidelius.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;

/**
 * When a store with {@code failoverRegions} leaves its primary region, how it watches the primary
 * while away, and how fast it may switch. Only outages move it (unreachable, 5xx, throttled past
 * the SDK's retries, timeouts); denials, missing secrets and integrity errors never do.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class FailoverSettings {

  @JsonPropertyDescription(
      "How long the serving region must fail with outage errors, without one answer in between,"
          + " before reads move to the next region. Default 45s; 1s to 1h.")
  @Pattern("^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$")
  private String after;

  @JsonPropertyDescription(
      "How often a region before the serving one (the primary first) is tried again while away"
          + " from it. Default 1m; 1s to 1h.")
  @Pattern("^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$")
  private String probeInterval;

  @JsonPropertyDescription(
      "The least time between two switches of region, so that a flapping region cannot make reads"
          + " flap faster. Default 2m; 0 to 24h.")
  @Pattern("^(0|([0-9]+(\\.[0-9]+)?(ms|s|m|h))+)$")
  private String minSwitchInterval;

  public String getAfter() {
    return after;
  }

  public void setAfter(String after) {
    this.after = after;
  }

  public String getProbeInterval() {
    return probeInterval;
  }

  public void setProbeInterval(String probeInterval) {
    this.probeInterval = probeInterval;
  }

  public String getMinSwitchInterval() {
    return minSwitchInterval;
  }

  public void setMinSwitchInterval(String minSwitchInterval) {
    this.minSwitchInterval = minSwitchInterval;
  }
}
