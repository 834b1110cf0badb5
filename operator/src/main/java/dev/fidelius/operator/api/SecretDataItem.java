package dev.fidelius.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** One secret of the application/component/sdlc, synced into one key of the target Secret. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SecretDataItem {

  @JsonPropertyDescription(
      "Short secret name as stored in Fidelius (for example database_password). The full name is built from application, component and sdlc.")
  @Required
  @Pattern("^\\S+$")
  @Size(max = SpecLimits.MAX_NAME_CHARS)
  private String name;

  @JsonPropertyDescription(
      "Key in the target Secret. Defaults to name (which must then be a valid Secret key).")
  @Pattern("^[-._a-zA-Z0-9]+$")
  @Size(max = SpecLimits.MAX_KEY_CHARS)
  private String key;

  @JsonPropertyDescription(
      "Pin one immutable version: a Fidelius version number (3) or a Secrets Manager version id. Default: the latest.")
  @Pattern("^\\S+$")
  @Size(max = SpecLimits.MAX_NAME_CHARS)
  private String version;

  @JsonPropertyDescription(
      "Secrets Manager only: read the version carrying this staging label (AWSPREVIOUS, AWSPENDING or a custom label) instead of the store's default stage.")
  @Pattern("^\\S+$")
  @Size(max = SpecLimits.MAX_NAME_CHARS)
  private String versionStage;

  @JsonPropertyDescription("The secret is a JSON object: take only this top-level property.")
  @Size(max = SpecLimits.MAX_NAME_CHARS)
  private String property;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getKey() {
    return key;
  }

  public void setKey(String key) {
    this.key = key;
  }

  public String getVersion() {
    return version;
  }

  public void setVersion(String version) {
    this.version = version;
  }

  public String getVersionStage() {
    return versionStage;
  }

  public void setVersionStage(String versionStage) {
    this.versionStage = versionStage;
  }

  public String getProperty() {
    return property;
  }

  public void setProperty(String property) {
    this.property = property;
  }
}
