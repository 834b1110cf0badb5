package dev.fidelius.operator.backend.s3;

import dev.fidelius.operator.backend.ChangeNotice;
import dev.fidelius.operator.backend.SecretId;
import dev.fidelius.operator.backend.SecretScope;

/**
 * An S3 event for one object ({@code bucket/key}): it concerns a secret read from that key of this
 * store's bucket, or read with a component that falls back to it, and a scope whose prefix holds
 * the key. Another bucket's objects concern nothing here.
 */
final class ObjectChangeNotice implements ChangeNotice {

  private final String key;
  private final ObjectNaming naming;
  private final boolean componentFallback;

  /**
   * @param key the object's key, or null when the event is of another bucket
   */
  private ObjectChangeNotice(String key, ObjectNaming naming, boolean componentFallback) {
    this.key = key;
    this.naming = naming;
    this.componentFallback = componentFallback;
  }

  /**
   * @param bucketAndKey as announced: {@code bucket/key}
   */
  static ObjectChangeNotice of(
      String bucketAndKey, String bucket, ObjectNaming naming, boolean componentFallback) {
    String ours = bucket + "/";
    return new ObjectChangeNotice(
        bucketAndKey.startsWith(ours) ? bucketAndKey.substring(ours.length()) : null,
        naming,
        componentFallback);
  }

  /** Whether the object is in this store's bucket at all. */
  boolean inBucket() {
    return key != null;
  }

  @Override
  public boolean concerns(SecretId id) {
    if (key == null) {
      return false;
    }
    if (naming.key(id).equals(key)) {
      return true;
    }
    return componentFallback
        && id.scope().component() != null
        && naming.key(new SecretId(id.scope().withoutComponent(), id.name())).equals(key);
  }

  @Override
  public boolean concerns(SecretScope scope) {
    return key != null
        && (naming.shortNameIn(scope, key).isPresent()
            || componentFallback
                && scope.component() != null
                && naming.shortNameIn(scope.withoutComponent(), key).isPresent());
  }
}
