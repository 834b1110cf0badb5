package dev.fidelius.e2e.bench;

import dev.fidelius.operator.aws.AwsCallCounter.Call;
import java.util.Locale;
import java.util.Map;

/**
 * The per-refresh-cycle call targets of the stores whose target is a plain count (issues 5 and 14),
 * with {@code keys} secrets in use and {@code changed} of them rotated in the cycle: Secrets
 * Manager at most keys/100 + changed/20 + 5; Parameter Store at most keys/50 + changed/10 + 5; S3
 * at most keys/1000 + 2 × changed + 5, and KMS Decrypt at most once per new version. The Fidelius
 * store's DynamoDB bound depends on the table's size ({@link Report#target}); here only its KMS
 * bound.
 */
final class StoreTargets {

  static final Call DECRYPT = new Call("kms", "Decrypt");

  private StoreTargets() {}

  static Report.Target cycle(Backend backend, int keys, int changed, Map<Call, Long> calls) {
    long total = calls.values().stream().mapToLong(Long::longValue).sum();
    long decrypts = calls.getOrDefault(DECRYPT, 0L);
    return switch (backend) {
      case SECRETS_MANAGER -> total(keys / 100.0 + changed / 20.0 + 5, total);
      case PARAMETER_STORE -> total(keys / 50.0 + changed / 10.0 + 5, total);
      case S3 -> {
        double limit = keys / 1000.0 + 2.0 * changed + 5;
        yield new Report.Target(
            String.format(Locale.ROOT, "≤ %.2f, KMS ≤ %d", limit, changed),
            total <= limit && decrypts <= changed);
      }
      case FIDELIUS ->
          new Report.Target(String.format(Locale.ROOT, "KMS ≤ %d", changed), decrypts <= changed);
    };
  }

  private static Report.Target total(double limit, long total) {
    return new Report.Target(String.format(Locale.ROOT, "≤ %.2f", limit), total <= limit);
  }
}
