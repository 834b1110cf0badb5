package dev.fidelius.operator.api;

/**
 * The API group and version of every Fidelius resource, and the labels and annotations it writes.
 */
public final class ApiGroup {

  public static final String GROUP = "fidelius.dev";
  public static final String VERSION = "v1alpha1";
  public static final String API_VERSION = GROUP + "/" + VERSION;

  /** Label on every Secret the operator manages; its value is the FideliusSecret's name. */
  public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";

  public static final String MANAGED_BY_VALUE = "fidelius-operator";
  public static final String SOURCE_LABEL = GROUP + "/fidelius-secret";

  /** SHA-256 of the Secret's data, so unchanged refreshes write nothing. */
  public static final String DATA_HASH_ANNOTATION = GROUP + "/data-hash";

  private ApiGroup() {}
}
