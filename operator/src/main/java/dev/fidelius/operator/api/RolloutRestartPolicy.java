package dev.fidelius.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;

/** How gently {@code rolloutRestartTargets} are restarted. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RolloutRestartPolicy {

  @JsonPropertyDescription(
      "Changes within this window after the first one cause one restart (duration; default 10s).")
  @Pattern("^(0|([0-9]+(\\.[0-9]+)?(ms|s|m|h))+)$")
  private String window;

  @JsonPropertyDescription(
      "A workload is restarted at most once per this interval; a later change is applied once it is over (duration; default 1m).")
  @Pattern("^(0|([0-9]+(\\.[0-9]+)?(ms|s|m|h))+)$")
  private String minInterval;

  public String getWindow() {
    return window;
  }

  public void setWindow(String window) {
    this.window = window;
  }

  public String getMinInterval() {
    return minInterval;
  }

  public void setMinInterval(String minInterval) {
    this.minInterval = minInterval;
  }
}
