package dev.fidelius.operator.api;

/** How secrets of an application/component/sdlc are found for dataFrom and change detection. */
public enum SecretsManagerDiscovery {
  /** ListSecrets filtered by name prefix (default). */
  NamePrefix,
  /** ListSecrets filtered by the tags Application, SDLC and Component. */
  Tags;
}
