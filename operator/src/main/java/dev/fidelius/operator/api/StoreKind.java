package dev.fidelius.operator.api;

/** The kind of store a FideliusSecret reads from. */
public enum StoreKind {
  /** A namespaced store in the FideliusSecret's own namespace. */
  FideliusStore,
  /** A cluster-scoped store shared by namespaces its access rules admit. */
  ClusterFideliusStore;
}
