package dev.fidelius.operator.target;

import dev.fidelius.operator.api.ApiGroup;
import dev.fidelius.operator.api.CreationPolicy;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Writes a FideliusSecret's data into its target Secret with server-side apply, and only when
 * something differs: an unchanged refresh makes no write. Under creationPolicy Owner and Orphan the
 * operator owns the whole Secret; under Merge it owns only its keys of someone else's Secret
 * (server-side apply tracks which, per FideliusSecret: {@link FieldManagers}). An existing Secret
 * that the operator does not manage is never taken over unless the policy says Merge, and Merge
 * writes only where {@link MergeConsent} allows. A target the managed-Secret informer has not seen
 * is not read first: one create-only apply ({@link SecretApplies#createIfAbsent}) writes a new
 * Secret, and only a 409 (the Secret exists) leads to a read and the usual decision.
 */
public final class KubernetesTargetWriter implements TargetWriter {

  private final KubernetesClient client;
  private final SecretApplies applies;
  private final MergeConsent mergeConsent;
  private final OwnWrites ownWrites;

  /** Merges only into Secrets that opted in. */
  public KubernetesTargetWriter(KubernetesClient client) {
    this(client, new MergeConsent(true), OwnWrites.NONE);
  }

  public KubernetesTargetWriter(KubernetesClient client, MergeConsent mergeConsent) {
    this(client, mergeConsent, OwnWrites.NONE);
  }

  /**
   * @param ownWrites told of every Secret written, so that the echo of a write does not reconcile
   */
  public KubernetesTargetWriter(
      KubernetesClient client, MergeConsent mergeConsent, OwnWrites ownWrites) {
    this.client = client;
    this.applies = new SecretApplies(client);
    this.mergeConsent = mergeConsent;
    this.ownWrites = ownWrites;
  }

  /**
   * @param existing the target as it is now (from the informer cache or a GET), or null when absent
   * @param data the desired data; empty means the Secret should hold none of our keys
   * @param dataHash hash of data and type, recorded in an annotation
   */
  @Override
  public WriteResult write(
      TargetSpec target, ObservedTarget observed, Map<String, byte[]> data, String dataHash) {
    if (!observed.known()) {
      if (target.creationPolicy() != CreationPolicy.Merge && !data.isEmpty()) {
        Optional<Secret> created =
            applies.createIfAbsent(
                marked(desiredOwned(target, data, dataHash), null),
                FieldManagers.of(target.owner().name()));
        if (created.isPresent()) {
          ownWrites.written(created.get(), null);
          return new WriteResult(WriteResult.Kind.CREATED, "Secret " + target.name() + " created");
        }
      }
      observed = new ObservedTarget(read(target));
    }
    Secret existing = whole(observed.secret(), target.creationPolicy() == CreationPolicy.Merge);
    if (existing != null
        && !managedBy(existing, target)
        && target.creationPolicy() != CreationPolicy.Merge) {
      return new WriteResult(
          WriteResult.Kind.CONFLICT,
          "Secret "
              + target.name()
              + " already exists and is not"
              + " managed by this FideliusSecret"
              + describeOwner(existing)
              + "; delete it, choose another target.name, or set target.creationPolicy: Merge");
    }
    if (target.creationPolicy() == CreationPolicy.Merge) {
      return merge(target, existing, data, dataHash);
    }
    if (data.isEmpty()) {
      if (existing == null) {
        return new WriteResult(WriteResult.Kind.UNCHANGED, "no data and no Secret");
      }
      client.secrets().inNamespace(target.namespace()).withName(target.name()).delete();
      return new WriteResult(
          WriteResult.Kind.DELETED, "Secret " + target.name() + " deleted: no source left");
    }
    Secret desired = desiredOwned(target, data, dataHash);
    if (existing == null) {
      apply(desired, target, null);
      return new WriteResult(WriteResult.Kind.CREATED, "Secret " + target.name() + " created");
    }
    if (upToDate(existing, desired)) {
      return new WriteResult(WriteResult.Kind.UNCHANGED, "Secret " + target.name() + " is current");
    }
    boolean typeChanged = !Objects.equals(typeOf(existing), typeOf(desired));
    if (Boolean.TRUE.equals(existing.getImmutable()) || typeChanged) {
      // Data of an immutable Secret and the type of any Secret cannot change in place: replace it.
      client
          .secrets()
          .inNamespace(target.namespace())
          .withName(target.name())
          .withGracePeriod(0)
          .delete();
      client
          .secrets()
          .inNamespace(target.namespace())
          .withName(target.name())
          .waitUntilCondition(Objects::isNull, 30, java.util.concurrent.TimeUnit.SECONDS);
      apply(desired, target, null);
      return new WriteResult(
          WriteResult.Kind.REPLACED,
          "Secret "
              + target.name()
              + " replaced ("
              + (typeChanged ? "type changed" : "immutable")
              + ")");
    }
    apply(desired, target, existing);
    return new WriteResult(WriteResult.Kind.UPDATED, "Secret " + target.name() + " updated");
  }

  /**
   * The Secret itself in place of the informer's data-less view when the view cannot answer: under
   * Merge (which compares key by key) and when the view left out oversized metadata. Otherwise the
   * view's digest is enough.
   */
  private Secret whole(Secret existing, boolean needData) {
    if (existing instanceof DatalessSecret view && (needData || view.metadataTruncated())) {
      return client
          .secrets()
          .inNamespace(view.getMetadata().getNamespace())
          .withName(view.getMetadata().getName())
          .get();
    }
    return existing;
  }

  private Secret read(TargetSpec target) {
    return client.secrets().inNamespace(target.namespace()).withName(target.name()).get();
  }

  private WriteResult merge(
      TargetSpec target, Secret existing, Map<String, byte[]> data, String dataHash) {
    if (existing == null) {
      return new WriteResult(
          WriteResult.Kind.MISSING_FOR_MERGE,
          "Secret "
              + target.name()
              + " does not exist; creationPolicy Merge only adds keys to an existing Secret");
    }
    Optional<String> refusal = mergeConsent.refusal(existing, target);
    if (refusal.isPresent()) {
      return new WriteResult(WriteResult.Kind.CONFLICT, refusal.get());
    }
    Map<String, String> encoded = encode(data);
    Map<String, String> current = existing.getData() == null ? Map.of() : existing.getData();
    boolean keysCurrent =
        encoded.entrySet().stream().allMatch(e -> e.getValue().equals(current.get(e.getKey())));
    String recordedHash = annotations(existing).get(mergeHashAnnotation(target));
    if (keysCurrent && dataHash.equals(recordedHash)) {
      return new WriteResult(
          WriteResult.Kind.UNCHANGED, "merged keys of Secret " + target.name() + " are current");
    }
    Secret patch =
        new SecretBuilder()
            .withMetadata(
                new ObjectMetaBuilder()
                    .withName(target.name())
                    .withNamespace(target.namespace())
                    .withAnnotations(Map.of(mergeHashAnnotation(target), dataHash))
                    .build())
            .withData(encoded)
            .build();
    apply(patch, target, existing);
    return new WriteResult(WriteResult.Kind.UPDATED, "keys merged into Secret " + target.name());
  }

  /**
   * Applies as the FideliusSecret's own field manager, then lets the pre-upgrade shared manager go.
   */
  private void apply(Secret secret, TargetSpec target, Secret before) {
    String manager = FieldManagers.of(target.owner().name());
    Secret applied = applies.apply(marked(secret, before), manager);
    if (applied != null && LegacyFieldManager.present(applied)) {
      applied =
          applies.apply(
              target.creationPolicy() == CreationPolicy.Merge
                  ? LegacyFieldManager.keepOthers(applied, manager)
                  : LegacyFieldManager.releaseAll(applied),
              FieldManagers.LEGACY);
    }
    if (applied != null) {
      ownWrites.written(applied, before);
    }
  }

  /** The Secret with the mark by which the informer knows the echo of this write. */
  private Secret marked(Secret secret, Secret before) {
    Map<String, String> mark = ownWrites.echoMark(before);
    if (mark.isEmpty()) {
      return secret;
    }
    Map<String, String> annotations = new LinkedHashMap<>(annotations(secret));
    annotations.putAll(mark);
    secret.getMetadata().setAnnotations(annotations);
    return secret;
  }

  static Secret desiredOwned(TargetSpec target, Map<String, byte[]> data, String dataHash) {
    Map<String, String> labels = new LinkedHashMap<>(target.labels());
    labels.put(ApiGroup.MANAGED_BY_LABEL, ApiGroup.MANAGED_BY_VALUE);
    labels.put(ApiGroup.SOURCE_LABEL, target.owner().name());
    Map<String, String> annotations = new LinkedHashMap<>(target.annotations());
    annotations.put(ApiGroup.DATA_HASH_ANNOTATION, dataHash);
    ObjectMetaBuilder meta =
        new ObjectMetaBuilder()
            .withName(target.name())
            .withNamespace(target.namespace())
            .withLabels(labels)
            .withAnnotations(annotations);
    if (target.creationPolicy() == CreationPolicy.Owner) {
      meta.withOwnerReferences(
          new OwnerReferenceBuilder()
              .withApiVersion(target.owner().apiVersion())
              .withKind(target.owner().kind())
              .withName(target.owner().name())
              .withUid(target.owner().uid())
              .withController(true)
              .build());
    }
    return new SecretBuilder()
        .withApiVersion("v1")
        .withKind("Secret")
        .withMetadata(meta.build())
        .withType(target.type())
        .withImmutable(target.immutable() ? Boolean.TRUE : null)
        .withData(encode(data))
        .build();
  }

  /**
   * Ours: labelled for this FideliusSecret (owner references alone are not enough under Orphan).
   */
  static boolean managedBy(Secret existing, TargetSpec target) {
    Map<String, String> labels = existing.getMetadata().getLabels();
    return labels != null
        && ApiGroup.MANAGED_BY_VALUE.equals(labels.get(ApiGroup.MANAGED_BY_LABEL))
        && target.owner().name().equals(labels.get(ApiGroup.SOURCE_LABEL));
  }

  static boolean upToDate(Secret existing, Secret desired) {
    // Digests, not data: the informer keeps only a digest of each managed Secret's data.
    boolean sameData =
        SecretDigest.observed(existing).equals(SecretDigest.ofEncodedData(desired.getData()));
    if (!sameData || !Objects.equals(typeOf(existing), typeOf(desired))) {
      return false;
    }
    if (!Objects.equals(
        Boolean.TRUE.equals(existing.getImmutable()),
        Boolean.TRUE.equals(desired.getImmutable()))) {
      return false;
    }
    Map<String, String> labels =
        existing.getMetadata().getLabels() == null ? Map.of() : existing.getMetadata().getLabels();
    Map<String, String> annotations = annotations(existing);
    boolean labelsPresent =
        desired.getMetadata().getLabels().entrySet().stream()
            .allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    boolean annotationsPresent =
        desired.getMetadata().getAnnotations().entrySet().stream()
            .allMatch(e -> e.getValue().equals(annotations.get(e.getKey())));
    boolean ownerPresent =
        desired.getMetadata().getOwnerReferences().isEmpty()
            || existing.getMetadata().getOwnerReferences().stream()
                .anyMatch(
                    r ->
                        r.getUid()
                            .equals(desired.getMetadata().getOwnerReferences().get(0).getUid()));
    return labelsPresent && annotationsPresent && ownerPresent;
  }

  private static String typeOf(Secret s) {
    return s.getType() == null ? "Opaque" : s.getType();
  }

  private static Map<String, String> annotations(Secret s) {
    return s.getMetadata().getAnnotations() == null ? Map.of() : s.getMetadata().getAnnotations();
  }

  static String mergeHashAnnotation(TargetSpec target) {
    return ApiGroup.GROUP + "/data-hash." + AnnotationNames.namePart(target.owner().name());
  }

  private static String describeOwner(Secret existing) {
    Map<String, String> labels = existing.getMetadata().getLabels();
    String source = labels == null ? null : labels.get(ApiGroup.SOURCE_LABEL);
    return source == null ? "" : " (it belongs to FideliusSecret " + source + ")";
  }

  static Map<String, String> encode(Map<String, byte[]> data) {
    Map<String, String> encoded = new HashMap<>();
    Base64.Encoder b64 = Base64.getEncoder();
    data.forEach((k, v) -> encoded.put(k, b64.encodeToString(v)));
    return new java.util.TreeMap<>(encoded);
  }
}
