package dev.fidelius.operator.backend.fidelius;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.operator.backend.SecretScope;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FideliusNamesTest {

  private final FideliusNames names = new FideliusNames(ContextKeys.FIDELIUS_DEFAULTS);

  @Test
  void vector2NameAndContextPutTheComponentBeforeTheSdlc() {
    FideliusName name = names.nameOf(new SecretScope("app", "Backend", "Dev"), "database_password");

    assertThat(name.fullName()).isEqualTo("APP.backend.dev.database_password");
    assertThat(name.encryptionContext())
        .isEqualTo(Map.of("Application", "APP", "SDLC", "dev", "Component", "backend"));
    assertThat(name.sdlc()).isEqualTo("dev");
    assertThat(name.component()).isEqualTo("backend");
  }

  @Test
  void vector2FallbackNameDropsTheComponentFromNameAndContext() {
    FideliusName name =
        names.nameOf(
            new SecretScope("app", "Backend", "Dev").withoutComponent(), "database_password");

    assertThat(name.fullName()).isEqualTo("APP.dev.database_password");
    assertThat(name.encryptionContext()).isEqualTo(Map.of("Application", "APP", "SDLC", "dev"));
    assertThat(name.componentIfAny()).isEmpty();
  }

  @Test
  void theShortNameKeepsItsCaseAndDots() {
    assertThat(names.nameOf(SecretScope.of("App", "QA"), "Db.Primary.URL").fullName())
        .isEqualTo("APP.qa.Db.Primary.URL");
  }

  @Test
  void renamedContextKeysAreUsedAsConfigured() {
    FideliusNames renamed = new FideliusNames(new ContextKeys("app", "env", "svc"));

    assertThat(renamed.nameOf(new SecretScope("a", "c", "s"), "x").encryptionContext())
        .isEqualTo(Map.of("app", "A", "env", "s", "svc", "c"));
  }

  @Test
  void caseMappingIgnoresTheDefaultLocaleAndLeavesNonAsciiAlone() {
    Locale before = Locale.getDefault();
    try {
      Locale.setDefault(new Locale("tr", "TR")); // where "i".toUpperCase() is a dotted capital I
      FideliusName name = names.nameOf(new SecretScope("identity", "Inbox", "DEV"), "key");

      assertThat(name.fullName()).isEqualTo("IDENTITY.inbox.dev.key");
      assertThat(FideliusNames.upperAscii("straße-é")).isEqualTo("STRAßE-é");
    } finally {
      Locale.setDefault(before);
    }
  }

  @Test
  void prefixesOfAScopeAndItsApplication() {
    assertThat(names.prefixOf(new SecretScope("app", "Web", "prod"))).isEqualTo("APP.web.prod.");
    assertThat(names.prefixOf(SecretScope.of("app", "prod"))).isEqualTo("APP.prod.");
    assertThat(names.applicationPrefixOf(new SecretScope("app", "web", "prod"))).isEqualTo("APP.");
  }

  @Test
  void metadataRecordsAreRecognisedByTheirPrefix() {
    assertThat(FideliusNames.isMetadataName("META#APP.dev.x")).isTrue();
    assertThat(FideliusNames.isMetadataName("APP.dev.META#x")).isFalse();
  }
}
