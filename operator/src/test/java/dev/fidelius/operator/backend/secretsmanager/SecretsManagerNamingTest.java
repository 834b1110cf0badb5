package dev.fidelius.operator.backend.secretsmanager;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.operator.backend.SecretId;
import dev.fidelius.operator.backend.SecretScope;
import dev.fidelius.operator.backend.secretsmanager.SecretsManagerStoreConfig.Naming;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class SecretsManagerNamingTest {

  private final SecretsManagerNaming fullNames = new SecretsManagerNaming(Naming.FULL_NAME);
  private final SecretsManagerNaming paths = new SecretsManagerNaming(Naming.PATH);

  @Test
  void fullNamesPutTheComponentBeforeTheSdlcAndApplyTheFideliusCaseRules() {
    SecretId id = SecretId.of("Orders", "Billing", "PROD", "db.Password");

    assertThat(fullNames.secretName(id)).isEqualTo("ORDERS.billing.prod.db.Password");
    assertThat(fullNames.secretName(SecretId.of("orders", null, "Prod", "api_key")))
        .isEqualTo("ORDERS.prod.api_key");
  }

  @Test
  void pathNamesUseTheSameSegmentsAndCaseRules() {
    assertThat(paths.secretName(SecretId.of("Orders", "Billing", "PROD", "db.Password")))
        .isEqualTo("ORDERS/billing/prod/db.Password");
    assertThat(paths.secretName(SecretId.of("orders", "", "prod", "api_key")))
        .isEqualTo("ORDERS/prod/api_key");
  }

  @Test
  void caseMappingIgnoresTheDefaultLocale() {
    Locale before = Locale.getDefault();
    try {
      Locale.setDefault(Locale.forLanguageTag("tr-TR"));
      // Turkish upper-cases i to a dotted capital I; names must not depend on where the operator
      // runs.
      assertThat(fullNames.secretName(SecretId.of("billing", "Indexer", "DEV", "x")))
          .isEqualTo("BILLING.indexer.dev.x");
    } finally {
      Locale.setDefault(before);
    }
  }

  @Test
  void theScopePrefixEndsWithTheSeparatorSoThatOneScopeDoesNotMatchALongerOne() {
    SecretScope scope = new SecretScope("orders", null, "dev");

    assertThat(fullNames.scopePrefix(scope)).isEqualTo("ORDERS.dev.");
    assertThat(paths.scopePrefix(new SecretScope("orders", "web", "dev")))
        .isEqualTo("ORDERS/web/dev/");
    assertThat(fullNames.shortNameIn(scope, "ORDERS.devtools.x")).isEmpty();
  }

  @Test
  void aListedNameGivesBackItsShortNameWithinTheScope() {
    SecretScope scope = new SecretScope("orders", "web", "dev");

    assertThat(fullNames.shortNameIn(scope, "ORDERS.web.dev.tls.key")).contains("tls.key");
    assertThat(paths.shortNameIn(scope, "ORDERS/web/dev/certs/tls.key")).contains("certs/tls.key");
    assertThat(fullNames.shortNameIn(scope, "ORDERS.web.dev.")).isEmpty();
    assertThat(fullNames.shortNameIn(scope, "ORDERS.web.prod.tls.key")).isEmpty();
    assertThat(fullNames.shortNameIn(scope, "orders.web.dev.tls.key"))
        .as("names are case-sensitive")
        .isEmpty();
  }

  @Test
  void namesSecretsManagerWouldRefuseAreReportedBeforeAnyCall() {
    assertThat(fullNames.problemWith(SecretId.of("orders", null, "dev", "db:password")))
        .hasValueSatisfying(p -> assertThat(p).contains("ORDERS.dev.db:password", "':'"));
    assertThat(fullNames.problemWith(new SecretScope("!orders", null, "dev")))
        .as("a leading ! would negate a ListSecrets name filter")
        .isPresent();
    assertThat(fullNames.problemWith(SecretId.of("orders", null, "dev", "ü"))).isPresent();
    assertThat(fullNames.problemWith(SecretId.of("orders", null, "dev", "x".repeat(501))))
        .as("512 characters")
        .isEmpty();
    assertThat(fullNames.problemWith(SecretId.of("orders", null, "dev", "x".repeat(502))))
        .as("513 characters")
        .isPresent();
    assertThat(fullNames.problemWith(SecretId.of("orders", null, "dev", "user@host/db_pass-1+2=3")))
        .isEmpty();
  }
}
