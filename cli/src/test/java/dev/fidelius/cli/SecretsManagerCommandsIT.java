package dev.fidelius.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fidelius.operator.testsupport.AwsTestClients;
import dev.fidelius.operator.testsupport.MotoServer;
import dev.fidelius.operator.testsupport.TestServers;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** The store commands on Secrets Manager (moto), under the names the operator reads. */
@ExtendWith(TestServers.class)
class SecretsManagerCommandsIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  private static CliStores stores;
  private static Cli cli;
  private static AwsTestClients aws;
  private static SecretsManagerClient sm;

  @BeforeAll
  static void start(MotoServer moto) {
    stores = new CliStores(moto, dir);
    cli = new Cli("--config", stores.config.toString(), "--store", "sm");
    aws = new AwsTestClients();
    sm = aws.secretsManager(moto.endpoint());
  }

  @AfterAll
  static void stop() {
    stores.close();
    aws.close();
  }

  @Test
  void putCreatesThenVersionsATaggedSecretUnderItsFideliusName() throws Exception {
    String app = CliStores.freshApp();
    Cli.Result first =
        cli.runWithInput("one", "put", "-a", app, "-c", "web", "-s", "dev", "db_password");
    Cli.Result second =
        cli.runWithInput("two", "put", "-a", app, "-c", "web", "-s", "dev", "db_password");

    assertThat(first.exit()).as(first.toString()).isZero();
    assertThat(second.exit()).as(second.toString()).isZero();
    String name = app.toUpperCase() + ".web.dev.db_password";
    assertThat(sm.getSecretValue(b -> b.secretId(name)).secretString()).isEqualTo("two");
    assertThat(sm.describeSecret(b -> b.secretId(name)).tags())
        .extracting(t -> t.key() + "=" + t.value())
        .containsExactlyInAnyOrder("Application=" + app.toUpperCase(), "SDLC=dev", "Component=web");
    assertThat(cli.run("get", "-a", app, "-c", "web", "-s", "dev", "db_password").out())
        .isEqualTo("two\n");
    JsonNode history =
        JSON.readTree(
            cli.run("history", "-a", app, "-c", "web", "-s", "dev", "db_password", "-o", "json")
                .out());
    assertThat(history).hasSize(2);
    assertThat(history.toString()).doesNotContain("one", "two");
  }

  @Test
  void listCopyAndDeleteWorkOnSecretsManager() {
    String app = CliStores.freshApp();
    cli.runWithInput("s-1", "put", "-a", app, "-s", "staging", "alpha");
    cli.runWithInput("s-2", "put", "-a", app, "-s", "staging", "beta");

    Cli.Result list = cli.run("list", "-a", app, "-s", "staging");
    Cli.Result copy = cli.run("copy", "-a", app, "--from-sdlc", "staging", "--to-sdlc", "prod");
    Cli.Result diff = cli.run("diff", "-a", app, "--sdlc", "staging,prod");

    assertThat(list.out()).contains("alpha", "beta").doesNotContain("s-1", "s-2");
    assertThat(copy.out()).containsPattern("alpha.*written").containsPattern("beta.*written");
    assertThat(diff.out()).containsPattern("alpha.*same").containsPattern("beta.*same");
    assertThat(sm.getSecretValue(b -> b.secretId(app.toUpperCase() + ".prod.beta")).secretString())
        .isEqualTo("s-2");

    Cli.Result delete = cli.run("delete", "-a", app, "-s", "prod", "beta", "--yes");
    assertThat(delete.exit()).as(delete.toString()).isZero();
    assertThat(cli.run("get", "-a", app, "-s", "prod", "beta").exit())
        .isEqualTo(ExitCodes.NOT_FOUND);
  }
}
