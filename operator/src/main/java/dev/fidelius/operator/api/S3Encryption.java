package dev.fidelius.operator.api;

/** How the objects of an S3 store hold their values. */
public enum S3Encryption {
  /**
   * The object body is a KMS ciphertext blob ({@code aws kms encrypt}); the operator decrypts it
   * with KMS.
   */
  KmsEnvelope,
  /**
   * The object body is the value, encrypted at rest by S3 (SSE-KMS or SSE-S3), which decrypts on
   * read.
   */
  ServerSide
}
