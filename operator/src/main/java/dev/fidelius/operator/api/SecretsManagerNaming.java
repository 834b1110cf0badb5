package dev.fidelius.operator.api;

/** How application, component, sdlc and short name form a Secrets Manager secret name. */
public enum SecretsManagerNaming {
  /** The Fidelius full name A.C.S.short (A.S.short without component), default. */
  FullName,
  /** A path A/C/S/short (A/S/short without component). */
  Path;
}
