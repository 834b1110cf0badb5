package dev.fidelius.operator.provider;

import dev.fidelius.operator.api.FideliusStoreSpec;
import dev.fidelius.operator.aws.AwsConnection;
import dev.fidelius.operator.backend.SecretBackend;
import dev.fidelius.operator.backend.ValueCache;
import java.util.List;

/**
 * One kind of secret store (one field under a store's {@code spec.provider}): everything the
 * operator must know about it besides reading, which is {@link SecretBackend}'s job. Only the
 * registry ({@code store.ProviderRegistry}) asks which provider a store has; everyone else asks the
 * provider.
 *
 * <p>What a new backend writes (say {@code parameterStore}):
 *
 * <ol>
 *   <li>{@code api/ParameterStoreProvider} (its spec) and the field {@code parameterStore} on
 *       {@code api.StoreProvider}, then {@code scripts/update-crds.sh};
 *   <li>a package {@code backend/parameterstore/} with its {@link SecretBackend} (thread-safe,
 *       never throws for AWS or data failures, values of immutable versions through the shared
 *       {@link ValueCache}) and, if its service needs a new client, a method on {@code
 *       aws.AwsClientFactory} and an endpoint on {@code aws.AwsEndpoints};
 *   <li>in that package, an implementation of this interface: {@link #selectedBy}, {@link
 *       #problems}, {@link #region}, {@link #connect}, {@link #naming}, {@link #capabilities};
 *   <li>one line in {@code store.ProviderRegistry}.
 * </ol>
 *
 * Nothing else changes: validation, access rules, change detection and the sync go through this
 * interface. Implementations are stateless and thread-safe.
 */
public interface StoreProvider {

  /** The field under {@code spec.provider} that selects this provider, e.g. {@code dynamodb}. */
  String field();

  /** Whether the store's {@code spec.provider} sets this provider's field. */
  boolean selectedBy(dev.fidelius.operator.api.StoreProvider provider);

  /**
   * What the CRD schema cannot say about this provider's settings, each a sentence naming the
   * field; empty when usable. Only called when {@link #selectedBy} is true.
   */
  List<String> problems(FideliusStoreSpec spec);

  /**
   * The AWS region of the store (its credentials' STS calls go there too). Valid once problems are
   * empty.
   */
  String region(FideliusStoreSpec spec);

  /**
   * A backend reading the store as the connection's identity.
   *
   * @param cache the operator's shared value cache
   * @param cachePartition separates this backend's cached values from every other (store
   *     generation, identity): a value one identity decrypted is never served to another
   */
  SecretBackend connect(
      FideliusStoreSpec spec, AwsConnection connection, ValueCache cache, String cachePartition);

  /**
   * The regions holding replicas of the store, in the order to fail over to ({@code
   * spec.provider.<field>.failoverRegions}); empty for a store read in its region only, and for
   * providers whose stores have no replicas with the same versions.
   */
  default List<String> failoverRegions(FideliusStoreSpec spec) {
    return List.of();
  }

  /**
   * A backend reading the store's replica in {@code region} (the primary or a failover region), as
   * the connection's identity, whose clients must be built for that region. Providers with failover
   * regions implement it; only the primary region is ever asked of the others.
   */
  default SecretBackend connectIn(
      String region,
      FideliusStoreSpec spec,
      AwsConnection connection,
      ValueCache cache,
      String cachePartition) {
    return connect(spec, connection, cache, cachePartition);
  }

  /** How the store names secrets, for the access rules' ambiguity check. */
  Naming naming(FideliusStoreSpec spec);

  /** What a FideliusSecret may ask of this store. */
  Capabilities capabilities();

  /**
   * @param separator the character between application, component, sdlc and short name in the
   *     store's names
   * @param namesAreTheBoundary whether a secret is told apart by its name alone (Secrets Manager),
   *     so that a name that also spells another SDLC's secret must be refused; false where the
   *     store binds each item to its application and SDLC itself (the Fidelius store's KMS
   *     encryption context)
   */
  record Naming(char separator, boolean namesAreTheBoundary) {}

  /**
   * @param versionStages whether {@code versionStage} (staging labels) applies
   * @param jsonExtract whether values may be JSON documents taken apart by {@code property} and
   *     {@code dataFrom.extract}
   */
  record Capabilities(boolean versionStages, boolean jsonExtract) {}
}
