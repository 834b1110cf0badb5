package dev.fidelius.cli.store;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The store backends the command line can act on (each opened by {@link StoreSessions}). */
public enum ProviderKind {
  FIDELIUS("fidelius", "dynamodb"),
  SECRETS_MANAGER("secretsmanager", "secretsManager"),
  PARAMETER_STORE("parameterstore", "parameterStore"),
  S3("s3", "s3");

  private final String flag;
  private final String specField;

  ProviderKind(String flag, String specField) {
    this.flag = flag;
    this.specField = specField;
  }

  /** The spelling in {@code --provider} and the config file. */
  public String flag() {
    return flag;
  }

  /** The field of a store's {@code spec.provider} that selects it. */
  public String specField() {
    return specField;
  }

  /** Accepts the flag spelling and the spec field spelling, in any case. */
  public static Optional<ProviderKind> parse(String text) {
    String wanted = text.toLowerCase(Locale.ROOT);
    return Arrays.stream(values())
        .filter(p -> p.flag.equals(wanted) || p.specField.toLowerCase(Locale.ROOT).equals(wanted))
        .findFirst();
  }

  public static String choices() {
    return Arrays.stream(values()).map(ProviderKind::flag).toList().toString();
  }
}
