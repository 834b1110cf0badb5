package dev.fidelius.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;
import java.util.Objects;

/**
 * The state of one source a FideliusSecret reads: a {@code data} entry, a secret found by {@code
 * dataFrom.find}, or a secret expanded by {@code dataFrom.extract}. Metadata only, never a value.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SourceItemStatus {

  @JsonPropertyDescription(
      "Which part of the spec reads this source: data, dataFrom.extract or dataFrom.find.")
  private String source;

  @JsonPropertyDescription(
      "The secret's short name in the store (for a failed dataFrom.find listing: the scope).")
  private String name;

  @JsonPropertyDescription("The Secret keys this source produced (sorted; the first 20).")
  private List<String> keys;

  @JsonPropertyDescription("How many further keys this source produced beyond those listed.")
  private Integer keysOmitted;

  @JsonPropertyDescription("The store's version of this source that the Secret holds.")
  private String version;

  @JsonPropertyDescription(
      "When that version was written, as the store records it (RFC 3339; Fidelius updatedOn, Secrets Manager the version's creation date).")
  private String updatedOn;

  @JsonPropertyDescription("Who wrote that version, as the store records it (Fidelius updatedBy).")
  private String updatedBy;

  @JsonPropertyDescription(
      "Synced; Pending (read, but not written while another source fails); or the failure reason (NotFound, AccessDenied, ...).")
  private String state;

  @JsonPropertyDescription("Why this source is not Synced; never a value.")
  private String message;

  public String getSource() {
    return source;
  }

  public void setSource(String source) {
    this.source = source;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public List<String> getKeys() {
    return keys;
  }

  public void setKeys(List<String> keys) {
    this.keys = keys;
  }

  public Integer getKeysOmitted() {
    return keysOmitted;
  }

  public void setKeysOmitted(Integer keysOmitted) {
    this.keysOmitted = keysOmitted;
  }

  public String getVersion() {
    return version;
  }

  public void setVersion(String version) {
    this.version = version;
  }

  public String getUpdatedOn() {
    return updatedOn;
  }

  public void setUpdatedOn(String updatedOn) {
    this.updatedOn = updatedOn;
  }

  public String getUpdatedBy() {
    return updatedBy;
  }

  public void setUpdatedBy(String updatedBy) {
    this.updatedBy = updatedBy;
  }

  public String getState() {
    return state;
  }

  public void setState(String state) {
    this.state = state;
  }

  public String getMessage() {
    return message;
  }

  public void setMessage(String message) {
    this.message = message;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SourceItemStatus other
        && Objects.equals(source, other.source)
        && Objects.equals(name, other.name)
        && Objects.equals(keys, other.keys)
        && Objects.equals(keysOmitted, other.keysOmitted)
        && Objects.equals(version, other.version)
        && Objects.equals(updatedOn, other.updatedOn)
        && Objects.equals(updatedBy, other.updatedBy)
        && Objects.equals(state, other.state)
        && Objects.equals(message, other.message);
  }

  @Override
  public int hashCode() {
    return Objects.hash(source, name, version, state);
  }
}
