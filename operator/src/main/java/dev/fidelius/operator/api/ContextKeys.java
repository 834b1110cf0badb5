package dev.fidelius.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;

/**
 * Names of the KMS encryption-context keys (Fidelius reads FID_CONTEXT_APPLICATION,
 * FID_CONTEXT_SDLC, FID_CONTEXT_COMPONENT).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ContextKeys {

  @JsonPropertyDescription("Default Application.")
  @Default("Application")
  private String application;

  @JsonPropertyDescription("Default SDLC.")
  @Default("SDLC")
  private String sdlc;

  @JsonPropertyDescription("Default Component.")
  @Default("Component")
  private String component;

  public String getApplication() {
    return application;
  }

  public void setApplication(String application) {
    this.application = application;
  }

  public String getSdlc() {
    return sdlc;
  }

  public void setSdlc(String sdlc) {
    this.sdlc = sdlc;
  }

  public String getComponent() {
    return component;
  }

  public void setComponent(String component) {
    this.component = component;
  }
}
