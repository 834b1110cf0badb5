package dev.fidelius.e2e.bench;

import java.util.Locale;

/** The stores the operator reads, as the benchmark names them. */
enum Backend {
  SECRETS_MANAGER("secretsmanager", "Secrets Manager"),
  FIDELIUS("fidelius", "Fidelius store"),
  PARAMETER_STORE("parameterstore", "Parameter Store"),
  /** KMS ciphertext objects in a versioned bucket ({@code encryption: KmsEnvelope}). */
  S3("s3", "S3 + KMS");

  private final String id;
  private final String label;

  Backend(String id, String label) {
    this.id = id;
    this.label = label;
  }

  /** Lower-case, for namespace and store names. */
  String id() {
    return id;
  }

  String label() {
    return label;
  }

  static Backend parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    for (Backend b : values()) {
      if (b.id.equals(t) || b.name().toLowerCase(Locale.ROOT).equals(t)) {
        return b;
      }
    }
    throw new IllegalArgumentException(
        "unknown backend '" + text + "': secretsmanager, fidelius, parameterstore or s3");
  }
}
