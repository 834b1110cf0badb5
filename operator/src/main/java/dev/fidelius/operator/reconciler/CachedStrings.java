package dev.fidelius.operator.reconciler;

import static dev.fidelius.operator.memory.SharedStrings.list;
import static dev.fidelius.operator.memory.SharedStrings.map;
import static dev.fidelius.operator.memory.SharedStrings.of;

import dev.fidelius.operator.api.DataFromSource;
import dev.fidelius.operator.api.FideliusSecret;
import dev.fidelius.operator.api.FideliusSecretSpec;
import dev.fidelius.operator.api.FideliusSecretStatus;
import dev.fidelius.operator.api.SecretDataItem;
import dev.fidelius.operator.api.SourceItemStatus;
import dev.fidelius.operator.memory.SharedStrings;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Secret;

/**
 * Makes an object entering an informer's cache hold the shared copy ({@link SharedStrings}) of each
 * string that cached objects repeat: its metadata (namespace, name, uid, labels, owners), a
 * Secret's type, and a FideliusSecret's spec and status (secret names, versions, states, reasons,
 * timestamps). Changed in place, like the rest of the slimming. Resource versions and condition
 * messages are left alone: each belongs to one object, so sharing them would save nothing.
 */
final class CachedStrings {

  private CachedStrings() {}

  static <R extends HasMetadata> R share(R resource) {
    if (resource.getMetadata() != null) {
      share(resource.getMetadata());
    }
    if (resource instanceof Secret secret) {
      secret.setApiVersion(of(secret.getApiVersion()));
      secret.setKind(of(secret.getKind()));
      secret.setType(of(secret.getType()));
    } else if (resource instanceof FideliusSecret fsec) {
      share(fsec.getSpec());
      share(fsec.getStatus());
    }
    return resource;
  }

  private static void share(ObjectMeta meta) {
    meta.setName(of(meta.getName()));
    meta.setNamespace(of(meta.getNamespace()));
    meta.setUid(of(meta.getUid()));
    meta.setCreationTimestamp(of(meta.getCreationTimestamp()));
    meta.setLabels(map(meta.getLabels()));
    meta.setAnnotations(map(meta.getAnnotations()));
    meta.setFinalizers(list(meta.getFinalizers()));
    if (meta.getOwnerReferences() != null) {
      for (OwnerReference owner : meta.getOwnerReferences()) {
        owner.setApiVersion(of(owner.getApiVersion()));
        owner.setKind(of(owner.getKind()));
        owner.setName(of(owner.getName()));
        owner.setUid(of(owner.getUid()));
      }
    }
  }

  private static void share(FideliusSecretSpec spec) {
    if (spec == null) {
      return;
    }
    spec.setApplication(of(spec.getApplication()));
    spec.setComponent(of(spec.getComponent()));
    spec.setSdlc(of(spec.getSdlc()));
    spec.setRefreshInterval(of(spec.getRefreshInterval()));
    if (spec.getStoreRef() != null) {
      spec.getStoreRef().setName(of(spec.getStoreRef().getName()));
    }
    if (spec.getData() != null) {
      for (SecretDataItem item : spec.getData()) {
        item.setName(of(item.getName()));
        item.setKey(of(item.getKey()));
        item.setVersion(of(item.getVersion()));
        item.setVersionStage(of(item.getVersionStage()));
        item.setProperty(of(item.getProperty()));
      }
    }
    if (spec.getDataFrom() != null) {
      for (DataFromSource source : spec.getDataFrom()) {
        source.setKeyPrefix(of(source.getKeyPrefix()));
        if (source.getExtract() != null) {
          source.getExtract().setName(of(source.getExtract().getName()));
          source.getExtract().setVersion(of(source.getExtract().getVersion()));
        }
      }
    }
    if (spec.getTarget() != null) {
      spec.getTarget().setName(of(spec.getTarget().getName()));
      spec.getTarget().setType(of(spec.getTarget().getType()));
      spec.getTarget().setLabels(map(spec.getTarget().getLabels()));
      spec.getTarget().setAnnotations(map(spec.getTarget().getAnnotations()));
    }
  }

  private static void share(FideliusSecretStatus status) {
    if (status == null) {
      return;
    }
    if (status.getConditions() != null) {
      for (Condition condition : status.getConditions()) {
        condition.setType(of(condition.getType()));
        condition.setStatus(of(condition.getStatus()));
        condition.setReason(of(condition.getReason()));
        condition.setLastTransitionTime(of(condition.getLastTransitionTime()));
      }
    }
    status.setSyncedVersions(map(status.getSyncedVersions()));
    status.setLastRefreshTime(of(status.getLastRefreshTime()));
    status.setLastChangeTime(of(status.getLastChangeTime()));
    status.setTargetSecret(of(status.getTargetSecret()));
    status.setDataHash(of(status.getDataHash()));
    status.setItemsSummary(of(status.getItemsSummary()));
    status.setRestartPendingSince(of(status.getRestartPendingSince()));
    status.setForceSyncHonoured(of(status.getForceSyncHonoured()));
    if (status.getServedBy() != null) {
      status.getServedBy().setRegion(of(status.getServedBy().getRegion()));
      status.getServedBy().setSince(of(status.getServedBy().getSince()));
    }
    if (status.getItems() != null) {
      for (SourceItemStatus item : status.getItems()) {
        item.setSource(of(item.getSource()));
        item.setName(of(item.getName()));
        item.setKeys(list(item.getKeys()));
        item.setVersion(of(item.getVersion()));
        item.setUpdatedOn(of(item.getUpdatedOn()));
        item.setUpdatedBy(of(item.getUpdatedBy()));
        item.setState(of(item.getState()));
      }
    }
  }
}
