package dev.fidelius.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import java.util.Map;

/** The Kubernetes Secret the operator writes. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SecretTarget {

  @JsonPropertyDescription(
      "Name of the Secret, in the FideliusSecret's namespace. Defaults to the FideliusSecret's name.")
  @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")
  private String name;

  @JsonPropertyDescription(
      "Secret type (default Opaque). Only types Kubernetes does not act on: Opaque,"
          + " kubernetes.io/basic-auth, kubernetes.io/ssh-auth, kubernetes.io/tls, kubernetes.io/dockercfg,"
          + " kubernetes.io/dockerconfigjson, or a custom domain/name type outside the kubernetes.io and k8s.io"
          + " domains (kubernetes.io/service-account-token and bootstrap.kubernetes.io/token are refused).")
  @Pattern(SecretTypes.SCHEMA_PATTERN)
  @Size(max = SpecLimits.MAX_SECRET_TYPE_CHARS)
  private String type;

  @JsonPropertyDescription("Labels added to the Secret.")
  @Size(max = SpecLimits.MAX_TARGET_METADATA_ENTRIES)
  private Map<String, String> labels;

  @JsonPropertyDescription("Annotations added to the Secret.")
  @Size(max = SpecLimits.MAX_TARGET_METADATA_ENTRIES)
  private Map<String, String> annotations;

  @JsonPropertyDescription("Keys computed from the synced keys.")
  private SecretTemplate template;

  @JsonPropertyDescription(
      "Owner (default): create and own. Merge: only add keys to an existing Secret whose owner"
          + " opted in with the annotation fidelius.dev/merge-allowed-from (names of FideliusSecrets, comma-separated,"
          + " or *), and which no other FideliusSecret manages. Orphan: create but do not own.")
  @Default("Owner")
  private CreationPolicy creationPolicy;

  @JsonPropertyDescription(
      "What happens when a source secret is deleted from the store: Retain (default) keeps the last data; Delete removes its keys.")
  @Default("Retain")
  private DeletionPolicy deletionPolicy;

  @JsonPropertyDescription(
      "Create the Secret immutable. A change of data then replaces the Secret (delete and create).")
  private Boolean immutable;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getType() {
    return type;
  }

  public void setType(String type) {
    this.type = type;
  }

  public Map<String, String> getLabels() {
    return labels;
  }

  public void setLabels(Map<String, String> labels) {
    this.labels = labels;
  }

  public Map<String, String> getAnnotations() {
    return annotations;
  }

  public void setAnnotations(Map<String, String> annotations) {
    this.annotations = annotations;
  }

  public SecretTemplate getTemplate() {
    return template;
  }

  public void setTemplate(SecretTemplate template) {
    this.template = template;
  }

  public CreationPolicy getCreationPolicy() {
    return creationPolicy;
  }

  public void setCreationPolicy(CreationPolicy creationPolicy) {
    this.creationPolicy = creationPolicy;
  }

  public DeletionPolicy getDeletionPolicy() {
    return deletionPolicy;
  }

  public void setDeletionPolicy(DeletionPolicy deletionPolicy) {
    this.deletionPolicy = deletionPolicy;
  }

  public Boolean getImmutable() {
    return immutable;
  }

  public void setImmutable(Boolean immutable) {
    this.immutable = immutable;
  }
}
