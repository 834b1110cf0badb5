package dev.fidelius.operator.store;

import dev.fidelius.operator.api.FideliusStoreSpec;
import dev.fidelius.operator.backend.fidelius.FideliusStoreProvider;
import dev.fidelius.operator.backend.parameterstore.ParameterStoreStoreProvider;
import dev.fidelius.operator.backend.s3.S3StoreProvider;
import dev.fidelius.operator.backend.secretsmanager.SecretsManagerStoreProvider;
import dev.fidelius.operator.provider.StoreProvider;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every kind of store the operator reads, and the one place that asks which one a store's spec
 * selects. Adding a backend adds one line to {@link #STANDARD} (see {@link StoreProvider} for the
 * rest).
 */
public final class ProviderRegistry {

  private static final ProviderRegistry STANDARD =
      new ProviderRegistry(
          List.of(
              new FideliusStoreProvider(),
              new SecretsManagerStoreProvider(),
              new ParameterStoreStoreProvider(),
              new S3StoreProvider()));

  private final List<StoreProvider> providers;

  public ProviderRegistry(List<StoreProvider> providers) {
    this.providers = List.copyOf(providers);
  }

  public static ProviderRegistry standard() {
    return STANDARD;
  }

  /** The provider a spec selects, when it selects exactly one. */
  public Optional<StoreProvider> providerOf(FideliusStoreSpec spec) {
    if (spec == null || spec.getProvider() == null) {
      return Optional.empty();
    }
    List<StoreProvider> selected =
        providers.stream().filter(p -> p.selectedBy(spec.getProvider())).toList();
    return selected.size() == 1 ? Optional.of(selected.get(0)) : Optional.empty();
  }

  /** The provider of a store whose spec passed {@link #problems}. */
  public StoreProvider require(FideliusStoreSpec spec) {
    return providerOf(spec)
        .orElseThrow(() -> new IllegalStateException("the store selects no single provider"));
  }

  /**
   * Problems with the provider choice and with the chosen provider's settings; empty when usable.
   */
  public List<String> problems(FideliusStoreSpec spec) {
    String choices = providers.stream().map(StoreProvider::field).collect(Collectors.joining(", "));
    if (spec == null || spec.getProvider() == null) {
      return List.of("spec.provider is required: set exactly one of " + choices);
    }
    return providerOf(spec)
        .map(p -> p.problems(spec))
        .orElseGet(() -> List.of("spec.provider must set exactly one of " + choices));
  }
}
