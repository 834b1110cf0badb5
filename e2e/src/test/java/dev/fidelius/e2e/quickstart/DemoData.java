package dev.fidelius.e2e.quickstart;

import dev.fidelius.operator.backend.SecretId;
import java.util.Locale;

/**
 * The quickstart's demo secrets, in the three AWS accounts the examples read from. The values are
 * demo values, printed on purpose by the quickstart; the account ids and role ARNs are the ones in
 * examples/.
 */
public final class DemoData {

  public static final String REGION = "us-east-1";

  /** The operator's own account (its IRSA role in a cluster; the moto default account here). */
  public static final String OPERATOR_ACCOUNT = "123456789012";

  /** The production account of examples/03, entered with sts:AssumeRole and an external id. */
  public static final String PROD_ROLE_ARN = "arn:aws:iam::222233334444:role/fidelius-reader";

  public static final String PROD_EXTERNAL_ID = "fidelius-operator-prod";

  /** The payments team's own role of examples/05, entered with sts:AssumeRoleWithWebIdentity. */
  public static final String TENANT_ROLE_ARN =
      "arn:aws:iam::111122223333:role/payments-dev-secrets";

  // Fidelius store, operator account (examples/10, 11).
  public static final SecretId DB_USERNAME =
      SecretId.of("payments", "backend", "dev", "database_username");
  public static final SecretId DB_PASSWORD =
      SecretId.of("payments", "backend", "dev", "database_password");
  public static final SecretId FEATURE_CHECKOUT =
      SecretId.of("payments", "backend", "dev", "feature_new_checkout");
  public static final SecretId FEATURE_FRAUD =
      SecretId.of("payments", "backend", "dev", "feature_fraud_scoring");
  public static final String DB_USERNAME_VALUE = "payments_app";
  public static final String DB_PASSWORD_VALUE = "demo-Pässwörd-1";

  // Secrets Manager, operator account (examples/11, 12): a JSON secret.
  public static final String DB_CONFIG_NAME = "PAYMENTS.backend.dev.db_config";
  public static final String DB_CONFIG_VALUE =
      "{\"username\":\"payments_app\",\"password\":\"p@ss w/rd:demo\",\"host\":\"payments-db.payments-dev.svc\","
          + "\"port\":5432}";

  // Fidelius store, production account (examples/14).
  public static final SecretId PROD_DB_PASSWORD =
      SecretId.of("payments", "backend", "prod", "database_password");
  public static final String PROD_DB_PASSWORD_VALUE = "prod-demo-password";

  // Secrets Manager, the tenant's account (examples/13).
  public static final String STRIPE_KEY_NAME = "PAYMENTS.api.dev.stripe_api_key";
  public static final String STRIPE_KEY_VALUE = "sk_test_demo_0001";
  public static final String WEBHOOK_SECRET_NAME = "PAYMENTS.api.dev.webhook_signing_secret";
  public static final String WEBHOOK_SECRET_VALUE = "whsec_demo_0001";

  // Parameter Store, operator account (examples/06, 15): a SecureString under the account's default
  // key.
  public static final String CHECKOUT_BANNER_PARAMETER = "/fidelius/PAYMENTS/dev/checkout_banner";
  public static final String CHECKOUT_BANNER_VALUE = "Free shipping this week (demo)";

  // S3 + KMS, operator account (examples/07, 16): a KMS envelope under the Fidelius encryption
  // context.
  public static final String SIGNING_KEY_BUCKET = "example-secrets";
  public static final String SIGNING_KEY_OBJECT = "secrets/PAYMENTS/dev/receipt_signing_key";
  public static final String SIGNING_KEY_VALUE = "demo-receipt-signing-key-0001";

  // Fidelius store, operator account: the secret the quickstart rotates to show change events, read
  // by a FideliusSecret that refreshes only hourly.
  public static final SecretId ROTATION_DEMO =
      SecretId.of("payments", "backend", "dev", "rotation_demo");

  private DemoData() {}

  /** The Fidelius full name, APP.component.sdlc.name, for messages. */
  public static String fideliusName(SecretId id) {
    var scope = id.scope();
    return scope.application().toUpperCase(Locale.ROOT)
        + "."
        + scope.componentIfAny().map(c -> c + ".").orElse("")
        + scope.sdlc()
        + "."
        + id.name();
  }
}
