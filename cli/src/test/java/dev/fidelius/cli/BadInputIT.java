package dev.fidelius.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.operator.testsupport.MotoServer;
import dev.fidelius.operator.testsupport.TestServers;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Bad input gives one line on stderr and a documented exit code, never a stack trace. */
@ExtendWith(TestServers.class)
class BadInputIT {

  @TempDir static Path dir;
  private static CliStores stores;
  private static Cli cli;

  @BeforeAll
  static void start(MotoServer moto) {
    stores = new CliStores(moto, dir);
    cli = new Cli("--config", stores.config.toString());
  }

  @AfterAll
  static void stop() {
    stores.close();
  }

  @Test
  void aDotInTheApplicationIsAUsageError() {
    assertOneLineError(
        cli.run("get", "-a", "PAY.MENTS", "-s", "dev", "x"),
        ExitCodes.USAGE,
        "must not contain dots");
    assertOneLineError(
        cli.run("list", "-a", "PAYMENTS", "-c", "a.b", "-s", "dev"), ExitCodes.USAGE, "dots");
    assertOneLineError(
        cli.run("diff", "-a", "PAYMENTS", "--sdlc", "dev,pr.od"), ExitCodes.USAGE, "dots");
  }

  @Test
  void aDottedShortNameIsFineButWhitespaceIsNot() {
    String app = CliStores.freshApp();
    assertThat(cli.runWithInput("v", "put", "-a", app, "-s", "dev", "api.key").exit()).isZero();
    assertOneLineError(
        cli.runWithInput("v", "put", "-a", app, "-s", "dev", "api key"),
        ExitCodes.USAGE,
        "whitespace");
  }

  @Test
  void aMissingSecretIsNotFound() {
    assertOneLineError(
        cli.run("get", "-a", CliStores.freshApp(), "-s", "dev", "absent"),
        ExitCodes.NOT_FOUND,
        "does not exist");
    assertOneLineError(
        cli.run("history", "-a", CliStores.freshApp(), "-s", "dev", "absent"),
        ExitCodes.NOT_FOUND,
        "does not exist");
  }

  @Test
  void anUnknownStoreWithoutAClusterIsAUsageErrorNamingTheMissingContext() {
    Cli.Result result =
        cli.run(
            "get",
            "-a",
            "APP",
            "-s",
            "dev",
            "x",
            "--store",
            "nope",
            "--kubeconfig",
            dir.resolve("no-such-kubeconfig").toString());
    assertOneLineError(result, ExitCodes.USAGE, "no Kubernetes context");
  }

  @Test
  void badFlagsAreUsageErrors() {
    Cli.Result missingSdlc = cli.run("get", "-a", "APP", "x");
    assertThat(missingSdlc.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(missingSdlc.err()).contains("--sdlc").doesNotContain("\tat ", "Exception");
    assertOneLineError(
        cli.run("get", "-a", "APP", "-s", "dev", "x", "--provider", "vault"),
        ExitCodes.USAGE,
        "unknown provider");
    assertOneLineError(
        cli.run("get", "-a", "APP", "-s", "dev", "x", "--endpoint-url", "not a url"),
        ExitCodes.USAGE,
        "not a URL");
    assertOneLineError(
        new Cli().run("get", "-a", "APP", "-s", "dev", "x", "--config", "/no/such/file.yaml"),
        ExitCodes.USAGE,
        "does not exist");
    assertOneLineError(
        cli.run("diff", "-a", "APP", "--sdlc", "dev"), ExitCodes.USAGE, "at least two");
    assertThat(new Cli().run("frobnicate").exit()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void anUnreachableStoreFailsInOneLine() {
    Cli.Result result =
        cli.run("get", "-a", "APP", "-s", "dev", "x", "--endpoint-url", "http://127.0.0.1:9");
    assertOneLineError(result, ExitCodes.FAILED, "service unreachable");
  }

  private static void assertOneLineError(Cli.Result result, int exit, String message) {
    assertThat(result.exit()).as(result.toString()).isEqualTo(exit);
    assertThat(result.err().lines()).as(result.toString()).hasSize(1);
    assertThat(result.err())
        .startsWith("fidelius: ")
        .contains(message)
        .doesNotContain("\tat ", "Exception in thread");
    assertThat(result.out()).isEmpty();
  }
}
