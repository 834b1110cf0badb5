package dev.fidelius.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.List;

/**
 * Admits FideliusSecrets of some namespaces to some applications and SDLCs. A rule matches when the
 * namespace matches (namespaces or namespaceSelector) AND the application AND the sdlc are listed.
 * '*' matches any; a trailing '*' matches a prefix.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AccessRule {

  @JsonPropertyDescription("Namespace names (or patterns with *).")
  private List<String> namespaces;

  @JsonPropertyDescription("Namespaces whose labels match.")
  private LabelSelector namespaceSelector;

  @JsonPropertyDescription("Applications (case-insensitive), '*' for any.")
  @Required
  private List<String> applications;

  @JsonPropertyDescription("SDLCs (case-insensitive), '*' for any.")
  @Required
  private List<String> sdlcs;

  public List<String> getNamespaces() {
    return namespaces;
  }

  public void setNamespaces(List<String> namespaces) {
    this.namespaces = namespaces;
  }

  public LabelSelector getNamespaceSelector() {
    return namespaceSelector;
  }

  public void setNamespaceSelector(LabelSelector namespaceSelector) {
    this.namespaceSelector = namespaceSelector;
  }

  public List<String> getApplications() {
    return applications;
  }

  public void setApplications(List<String> applications) {
    this.applications = applications;
  }

  public List<String> getSdlcs() {
    return sdlcs;
  }

  public void setSdlcs(List<String> sdlcs) {
    this.sdlcs = sdlcs;
  }
}
