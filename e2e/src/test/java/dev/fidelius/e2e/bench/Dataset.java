package dev.fidelius.e2e.bench;

import dev.fidelius.operator.api.ApiGroup;
import dev.fidelius.operator.api.FideliusSecret;
import dev.fidelius.operator.api.FideliusSecretSpec;
import dev.fidelius.operator.api.SecretDataItem;
import dev.fidelius.operator.api.StoreKind;
import dev.fidelius.operator.api.StoreRef;
import dev.fidelius.operator.backend.SecretId;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The benchmark's data, a pure function of the seed: FideliusSecret {@code i} (named {@code
 * fs-00042}) reads {@code keysPerSecret} secrets of its own ({@code s00042-k0}, ...) of application
 * {@code APPnn} (i modulo the number of applications), SDLC {@code dev}, no component. The same
 * secret names serve both backends: the Fidelius full name and the Secrets Manager name are both
 * {@code APPnn.dev.s00042-k0}.
 */
final class Dataset {

  static final String SDLC = "dev";
  static final int VALUE_LENGTH = 32;
  private static final String ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  /** One secret a FideliusSecret reads, and where its value lands. */
  record Key(int secret, int index, SecretId id) {
    String fsecName() {
      return Dataset.fsecName(secret);
    }

    /** The key in the Kubernetes Secret: the short name. */
    String dataKey() {
      return id.name();
    }

    /** The name in either backend: APPnn.dev.short. */
    String fullName() {
      return id.scope().application() + "." + SDLC + "." + id.name();
    }

    /** The Parameter Store name (no prefix): /APPnn/dev/short. */
    String parameterName() {
      return "/" + id.scope().application() + "/" + SDLC + "/" + id.name();
    }

    /** The S3 object key (no prefix): APPnn/dev/short. */
    String objectKey() {
      return id.scope().application() + "/" + SDLC + "/" + id.name();
    }
  }

  private final long seed;
  private final int applications;
  private final int keysPerSecret;

  Dataset(long seed, int applications, int keysPerSecret) {
    this.seed = seed;
    this.applications = applications;
    this.keysPerSecret = keysPerSecret;
  }

  int keysPerSecret() {
    return keysPerSecret;
  }

  int applications() {
    return applications;
  }

  static String fsecName(int i) {
    return String.format(Locale.ROOT, "fs-%05d", i);
  }

  String application(int i) {
    return String.format(Locale.ROOT, "APP%02d", i % applications);
  }

  Key key(int secret, int index) {
    return new Key(
        secret,
        index,
        SecretId.of(
            application(secret),
            null,
            SDLC,
            String.format(Locale.ROOT, "s%05d-k%d", secret, index)));
  }

  /** Every key of FideliusSecrets {@code from} (inclusive) to {@code to} (exclusive). */
  List<Key> keys(int from, int to) {
    List<Key> keys = new ArrayList<>((to - from) * keysPerSecret);
    for (int i = from; i < to; i++) {
      for (int k = 0; k < keysPerSecret; k++) {
        keys.add(key(i, k));
      }
    }
    return keys;
  }

  /** The first value of a key: fixed by the seed. */
  String initialValue(Key key) {
    return randomValue(new SplittableRandom(seed ^ (key.secret() * 1_000_003L + key.index())));
  }

  static String randomValue(SplittableRandom random) {
    StringBuilder b = new StringBuilder(VALUE_LENGTH);
    for (int i = 0; i < VALUE_LENGTH; i++) {
      b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return b.toString();
  }

  FideliusSecret fsec(int i, String namespace, String store, Duration refresh) {
    FideliusSecretSpec spec = new FideliusSecretSpec();
    StoreRef ref = new StoreRef();
    ref.setName(store);
    ref.setKind(StoreKind.ClusterFideliusStore);
    spec.setStoreRef(ref);
    spec.setApplication(application(i));
    spec.setSdlc(SDLC);
    spec.setRefreshInterval(refresh.toSeconds() + "s");
    List<SecretDataItem> data = new ArrayList<>();
    for (int k = 0; k < keysPerSecret; k++) {
      SecretDataItem item = new SecretDataItem();
      item.setName(key(i, k).id().name());
      data.add(item);
    }
    spec.setData(data);
    FideliusSecret fsec = new FideliusSecret();
    fsec.setMetadata(
        new ObjectMetaBuilder().withName(fsecName(i)).withNamespace(namespace).build());
    fsec.setSpec(spec);
    return fsec;
  }

  /**
   * A bare Secret shaped like the one the operator writes for the i-th FideliusSecret (its keys and
   * values, the source label, a data-hash annotation): what the raw writes create to set the API
   * server's own pace.
   */
  Secret plainSecret(int i, String namespace) {
    Map<String, String> data = new TreeMap<>();
    for (int k = 0; k < keysPerSecret; k++) {
      Key key = key(i, k);
      data.put(
          key.dataKey(),
          Base64.getEncoder().encodeToString(initialValue(key).getBytes(StandardCharsets.UTF_8)));
    }
    return new SecretBuilder()
        .withNewMetadata()
        .withName(fsecName(i))
        .withNamespace(namespace)
        .addToLabels(ApiGroup.SOURCE_LABEL, fsecName(i))
        .addToAnnotations(ApiGroup.DATA_HASH_ANNOTATION, "0".repeat(64))
        .endMetadata()
        .withType("Opaque")
        .withData(data)
        .build();
  }
}
