package dev.fidelius.operator.api;

/** Which KMS encryption context KmsEnvelope objects were encrypted under. */
public enum S3EncryptionContext {
  /** None. */
  None,
  /**
   * Fidelius's: Application, SDLC and (with a component) Component, with the Fidelius case rules.
   */
  Fidelius
}
