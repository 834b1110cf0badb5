package dev.fidelius.operator.target;

import dev.fidelius.operator.api.ApiGroup;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the managed-Secret informer keeps of a Secret: its identity, type, labels, annotations and
 * owners, and a digest of its data instead of the data. Anyone who can create Secrets can label
 * them as managed; kept whole, 300 labelled 1 MiB Secrets would cost 300 MiB of heap, and the
 * operator would run out of memory on every start. Kept this way each costs about a kilobyte.
 *
 * <p>Metadata is bounded too: {@code managedFields} and kubectl's last-applied annotation (which
 * holds the whole data of a Secret applied with kubectl) are dropped, and labels, annotations or
 * owner references beyond a small budget are left out and the view marked {@link
 * #metadataTruncated()}, so that the writer reads the Secret itself when it needs them. A subclass,
 * not an annotation, marks the view, so no Secret can pass itself off as one.
 */
public final class DatalessSecret extends Secret {

  static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
  static final int METADATA_BUDGET_CHARS = 16 * 1024;
  static final int MAX_OWNER_REFERENCES = 16;

  private final String dataDigest;
  private final boolean metadataTruncated;

  private DatalessSecret(String dataDigest, boolean metadataTruncated) {
    this.dataDigest = dataDigest;
    this.metadataTruncated = metadataTruncated;
  }

  /** The view of a Secret; a view is returned as it is. */
  public static Secret of(Secret full) {
    if (full instanceof DatalessSecret || full == null) {
      return full;
    }
    ObjectMeta meta = full.getMetadata() == null ? new ObjectMeta() : full.getMetadata();
    Map<String, String> labels = meta.getLabels() == null ? Map.of() : meta.getLabels();
    Map<String, String> annotations =
        new TreeMap<>(meta.getAnnotations() == null ? Map.of() : meta.getAnnotations());
    annotations.remove(LAST_APPLIED);
    List<OwnerReference> owners =
        meta.getOwnerReferences() == null ? List.of() : meta.getOwnerReferences();
    boolean truncated =
        chars(labels) + chars(annotations) > METADATA_BUDGET_CHARS
            || owners.size() > MAX_OWNER_REFERENCES;
    DatalessSecret view = new DatalessSecret(SecretDigest.ofEncodedData(full.getData()), truncated);
    view.setApiVersion(full.getApiVersion());
    view.setKind(full.getKind());
    view.setType(full.getType());
    view.setImmutable(full.getImmutable());
    view.setMetadata(
        new ObjectMetaBuilder()
            .withName(meta.getName())
            .withNamespace(meta.getNamespace())
            .withUid(meta.getUid())
            .withResourceVersion(meta.getResourceVersion())
            .withGeneration(meta.getGeneration())
            .withCreationTimestamp(meta.getCreationTimestamp())
            .withDeletionTimestamp(meta.getDeletionTimestamp())
            .withLabels(truncated ? fideliusOnly(labels) : new TreeMap<>(labels))
            .withAnnotations(truncated ? fideliusOnly(annotations) : annotations)
            .withOwnerReferences(truncated ? List.of() : owners)
            .build());
    return view;
  }

  /** SHA-256 of the Secret's data when it was cached (see {@link SecretDigest}). */
  public String dataDigest() {
    return dataDigest;
  }

  /**
   * Whether labels, annotations or owner references were left out: read the Secret itself to see
   * them.
   */
  public boolean metadataTruncated() {
    return metadataTruncated;
  }

  private static long chars(Map<String, String> map) {
    long n = 0;
    for (var e : map.entrySet()) {
      n += e.getKey().length() + (e.getValue() == null ? 0 : e.getValue().length());
    }
    return n;
  }

  /**
   * The labels and annotation that say which FideliusSecret manages the Secret (each a bounded
   * value).
   */
  private static Map<String, String> fideliusOnly(Map<String, String> map) {
    Map<String, String> kept = new TreeMap<>();
    for (String key :
        List.of(ApiGroup.MANAGED_BY_LABEL, ApiGroup.SOURCE_LABEL, ApiGroup.DATA_HASH_ANNOTATION)) {
      String value = map.get(key);
      if (value != null && value.length() <= 256) {
        kept.put(key, value);
      }
    }
    return kept;
  }

  // Secret's generated equals and hashCode compare fields only; a view equals only itself.
  @Override
  public boolean equals(Object o) {
    return this == o;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(this);
  }
}
