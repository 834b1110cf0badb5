package dev.fidelius.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fidelius.operator.testsupport.AwsTestClients;
import dev.fidelius.operator.testsupport.MotoServer;
import dev.fidelius.operator.testsupport.TestServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterMetadata;
import software.amazon.awssdk.services.ssm.model.ParameterTier;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * The store commands on Parameter Store (moto), under the names the operator reads: SecureStrings
 * under the store's KMS key, versions and labels, the advanced tier for large values.
 */
@ExtendWith(TestServers.class)
class ParameterStoreCommandsIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  private static CliStores stores;
  private static Cli cli;
  private static AwsTestClients aws;
  private static SsmClient ssm;

  @BeforeAll
  static void start(MotoServer moto) throws Exception {
    stores = new CliStores(moto, dir);
    Path config = dir.resolve("parameters.yaml");
    Files.writeString(
        config,
        """
        stores:
          ps:
            provider: parameterstore
            region: %s
            prefix: /fidelius
            kmsKeyId: %s
            endpointUrl: %s
        """
            .formatted(MotoServer.REGION.id(), stores.keyAlias, moto.endpoint()));
    cli = new Cli("--config", config.toString(), "--store", "ps");
    aws = new AwsTestClients();
    ssm =
        aws.factory().ssm(MotoServer.REGION, MotoServer.CREDENTIALS, Optional.of(moto.endpoint()));
  }

  @AfterAll
  static void stop() {
    stores.close();
    aws.close();
  }

  @Test
  void putWritesSecureStringVersionsThatGetAndHistoryReadByNumberAndLabel() throws Exception {
    String app = CliStores.freshApp();
    Cli.Result first =
        cli.runWithInput("first-q7", "put", "-a", app, "-c", "web", "-s", "dev", "db_password");
    Cli.Result second =
        cli.runWithInput("second-q7", "put", "-a", app, "-c", "web", "-s", "dev", "db_password");

    assertThat(first.exit()).as(first.toString()).isZero();
    assertThat(second.exit()).as(second.toString()).isZero();
    String name = "/fidelius/" + app.toUpperCase() + "/web/dev/db_password";
    Parameter stored = ssm.getParameter(b -> b.name(name).withDecryption(true)).parameter();
    assertThat(stored.type()).isEqualTo(ParameterType.SECURE_STRING);
    assertThat(stored.value()).isEqualTo("second-q7");
    assertThat(stored.version()).isEqualTo(2L);
    assertThat(metadata(name).keyId()).isEqualTo(stores.keyAlias);

    ssm.labelParameterVersion(b -> b.name(name).parameterVersion(1L).labels("stable"));
    assertThat(cli.run("get", "-a", app, "-c", "web", "-s", "dev", "db_password").out())
        .isEqualTo("second-q7\n");
    assertThat(
            cli.run("get", "-a", app, "-c", "web", "-s", "dev", "db_password", "--version", "1")
                .out())
        .isEqualTo("first-q7\n");
    assertThat(
            cli.run(
                    "get",
                    "-a",
                    app,
                    "-c",
                    "web",
                    "-s",
                    "dev",
                    "db_password",
                    "--version",
                    "stable")
                .out())
        .isEqualTo("first-q7\n");

    Cli.Result history =
        cli.run("history", "-a", app, "-c", "web", "-s", "dev", "db_password", "-o", "json");
    assertThat(history.exit()).as(history.toString()).isZero();
    JsonNode versions = JSON.readTree(history.out());
    assertThat(versions).extracting(v -> v.get("version").asText()).containsExactly("2", "1");
    assertThat(versions.get(0).get("updatedOn").asText()).endsWith("Z");
    assertThat(history.out() + first.out() + second.out()).doesNotContain("first-q7", "second-q7");
  }

  @Test
  void aValueOverFourKilobytesGoesToTheAdvancedTierAndOneOverEightIsRefusedUnprinted() {
    String app = CliStores.freshApp();
    String large = "L".repeat(5000);
    String tooLarge = "secret-part-".repeat(700);

    Cli.Result put = cli.runWithInput(large, "put", "-a", app, "-s", "dev", "cert");
    Cli.Result refused = cli.runWithInput(tooLarge, "put", "-a", app, "-s", "dev", "huge");

    assertThat(put.exit()).as(put.toString()).isZero();
    String name = "/fidelius/" + app.toUpperCase() + "/dev/cert";
    assertThat(metadata(name).tier()).isEqualTo(ParameterTier.ADVANCED);
    assertThat(cli.run("get", "-a", app, "-s", "dev", "cert").out()).isEqualTo(large + "\n");
    assertThat(refused.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(refused.err()).contains("8400 bytes", "8192").doesNotContain("secret-part");
    assertThat(refused.out()).isEmpty();
  }

  @Test
  void listDiffCopyExportAndDeleteWorkOnParameterStore() throws Exception {
    String app = CliStores.freshApp();
    cli.runWithInput("s-1", "put", "-a", app, "-s", "staging", "alpha");
    cli.runWithInput("s-2", "put", "-a", app, "-s", "staging", "beta");

    Cli.Result list = cli.run("list", "-a", app, "-s", "staging");
    Cli.Result copy = cli.run("copy", "-a", app, "--from-sdlc", "staging", "--to-sdlc", "prod");
    Cli.Result diff = cli.run("diff", "-a", app, "--sdlc", "staging,prod");
    Cli.Result export = cli.run("export", "-a", app, "-s", "prod", "--format", "json");

    assertThat(list.out()).contains("alpha", "beta").doesNotContain("s-1", "s-2");
    assertThat(copy.out()).containsPattern("alpha.*written").containsPattern("beta.*written");
    assertThat(copy.out()).doesNotContain("s-1", "s-2");
    assertThat(diff.out()).containsPattern("alpha.*same").containsPattern("beta.*same");
    assertThat(diff.out()).doesNotContain("s-1", "s-2");
    JsonNode exported = JSON.readTree(export.out());
    assertThat(exported.get("alpha").asText()).isEqualTo("s-1");
    assertThat(exported.get("beta").asText()).isEqualTo("s-2");

    Cli.Result delete = cli.run("delete", "-a", app, "-s", "prod", "beta", "--yes");
    assertThat(delete.exit()).as(delete.toString()).isZero();
    assertThat(cli.run("get", "-a", app, "-s", "prod", "beta").exit())
        .isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(cli.run("delete", "-a", app, "-s", "prod", "beta", "--yes").exit())
        .isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(cli.run("history", "-a", app, "-s", "prod", "beta").exit())
        .isEqualTo(ExitCodes.NOT_FOUND);
  }

  private static ParameterMetadata metadata(String name) {
    return ssm.describeParameters(
            b -> b.parameterFilters(f -> f.key("Name").option("Equals").values(name)))
        .parameters()
        .get(0);
  }
}
