package dev.fidelius.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fidelius.operator.testsupport.AwsTestClients;
import dev.fidelius.operator.testsupport.FideliusSdk;
import dev.fidelius.operator.testsupport.MotoServer;
import dev.fidelius.operator.testsupport.TestServers;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Byte compatibility with FINRA's Fidelius SDK 2.0.0 on one table (moto's DynamoDB) and key: what
 * {@code fidelius put} writes the SDK reads, and what the SDK writes {@code fidelius get} and
 * {@code history} read, including who wrote it.
 */
@ExtendWith(TestServers.class)
class CliSdkInteropIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  private static CliStores stores;
  private static Cli cli;
  private static FideliusSdk sdk;
  private static String caller;

  @BeforeAll
  static void start(MotoServer moto) {
    stores = new CliStores(moto, dir);
    cli = new Cli("--config", stores.config.toString());
    sdk = new FideliusSdk(moto.endpoint(), moto.endpoint());
    try (AwsTestClients aws = new AwsTestClients()) {
      caller = aws.sts(moto.endpoint()).getCallerIdentity().arn();
    }
  }

  @AfterAll
  static void stop() {
    stores.close();
  }

  @ParameterizedTest
  @CsvSource(
      value = {"Backend,s3cr3t-Pässwörd", "NULL,🔑 ключ 鍵", "web,p@ss=w0rd&x\ttab"},
      nullValues = "NULL")
  void whatFideliusPutWritesTheSdkReads(String component, String value) throws Exception {
    String app = CliStores.freshApp();
    String[] scope =
        component == null
            ? new String[] {"-a", app, "-s", "Dev"}
            : new String[] {"-a", app, "-c", component, "-s", "Dev"};
    Cli.Result put =
        cli.runWithInput(value, concat(new String[] {"put"}, scope, new String[] {"token"}));

    assertThat(put.exit()).as(put.toString()).isZero();
    assertThat(sdk.getCredential("token", app, "dev", component, stores.table)).isEqualTo(value);
  }

  @Test
  void whatTheSdkWritesFideliusGetAndHistoryRead() throws Exception {
    String app = CliStores.freshApp();
    sdk.putCredential(
        "db_password", "from-sdk-1", app, "prod", "api", stores.table, stores.keyAlias);
    sdk.putCredential(
        "db_password", "from-sdk-2", app, "prod", "api", stores.table, stores.keyAlias);

    Cli.Result get =
        cli.run("get", "-a", app, "-c", "api", "-s", "prod", "db_password", "-o", "json");
    Cli.Result first =
        cli.run("get", "-a", app, "-c", "api", "-s", "prod", "db_password", "--version", "1");
    JsonNode history =
        JSON.readTree(
            cli.run("history", "-a", app, "-c", "api", "-s", "prod", "db_password", "-o", "json")
                .out());

    assertThat(get.exit()).as(get.toString()).isZero();
    assertThat(JSON.readTree(get.out()).get("value").asText()).isEqualTo("from-sdk-2");
    assertThat(JSON.readTree(get.out()).get("version").asText()).isEqualTo("2");
    assertThat(first.out()).isEqualTo("from-sdk-1\n");
    assertThat(history).extracting(n -> n.get("version").asText()).containsExactly("2", "1");
    assertThat(history)
        .allSatisfy(
            n -> {
              assertThat(n.get("updatedBy").asText()).isEqualTo(caller);
              assertThat(n.get("updatedOn").asText()).isNotBlank();
            });
  }

  @Test
  void versionsContinueAcrossBothAndBothRecordTheSameWriter() throws Exception {
    String app = CliStores.freshApp();
    sdk.putCredential("rotating", "sdk-1", app, "qa", null, stores.table, stores.keyAlias);
    Cli.Result put =
        cli.runWithInput("cli-2", "put", "-a", app, "-s", "qa", "rotating", "-o", "json");
    sdk.putCredential("rotating", "sdk-3", app, "qa", null, stores.table, stores.keyAlias);

    assertThat(JSON.readTree(put.out()).get(0).get("version").asText()).isEqualTo("2");
    assertThat(sdk.getCredential("rotating", app, "qa", null, stores.table)).isEqualTo("sdk-3");
    JsonNode history =
        JSON.readTree(cli.run("history", "-a", app, "-s", "qa", "rotating", "-o", "json").out());
    assertThat(history).extracting(n -> n.get("version").asText()).containsExactly("3", "2", "1");
    assertThat(history).extracting(n -> n.get("updatedBy").asText()).containsOnly(caller);
    assertThat(cli.run("get", "-a", app, "-s", "qa", "rotating", "--version", "2").out())
        .isEqualTo("cli-2\n");
  }

  private static String[] concat(String[]... parts) {
    return Arrays.stream(parts).flatMap(Arrays::stream).toArray(String[]::new);
  }
}
