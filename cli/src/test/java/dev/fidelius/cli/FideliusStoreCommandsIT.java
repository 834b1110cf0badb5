package dev.fidelius.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.fidelius.operator.testsupport.MotoServer;
import dev.fidelius.operator.testsupport.TestServers;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every store command on a Fidelius store (moto's DynamoDB and KMS), named by the config file: what
 * it prints in each format, its exit codes, and that no value reaches stderr or a command that must
 * not show it.
 */
@ExtendWith(TestServers.class)
class FideliusStoreCommandsIT {

  private static final String VALUE = "s3cr3t-Pässwörd \"quoted\" $HOME";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

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
  void putWritesNewVersionsThatGetReadsBackExactly() throws Exception {
    String app = CliStores.freshApp();
    Cli.Result first = cli.runWithInput(VALUE + "\n", "put", "-a", app, "-s", "dev", "db_password");
    Cli.Result second =
        cli.runWithInput("second", "put", "-a", app, "-s", "dev", "db_password", "-o", "json");

    assertThat(first.exit()).as(first.toString()).isZero();
    assertThat(first.out())
        .contains("db_password")
        .containsPattern("\\b1\\b")
        .doesNotContain(VALUE);
    assertThat(JSON.readTree(second.out()).get(0).get("version").asText()).isEqualTo("2");
    Cli.Result latest = cli.run("get", "-a", app, "-s", "dev", "db_password");
    assertThat(latest.exit()).isZero();
    assertThat(latest.out()).isEqualTo("second\n");
    Cli.Result pinned =
        cli.run("get", "-a", app, "-s", "dev", "db_password", "--version", "1", "-o", "json");
    JsonNode json = JSON.readTree(pinned.out());
    assertThat(json.get("value").asText()).isEqualTo(VALUE);
    assertThat(json.get("version").asText()).isEqualTo("1");
    assertThat(json.get("name").asText()).isEqualTo(app.toUpperCase() + ".dev.db_password");
    assertThat(first.err() + second.err() + latest.err() + pinned.err())
        .doesNotContain(VALUE)
        .isEmpty();
  }

  @Test
  void putReadsAFileAsIsAndTheComponentIsPartOfTheName() throws Exception {
    String app = CliStores.freshApp();
    Path file = dir.resolve("value.txt");
    Files.writeString(file, "line one\nline two\n");

    Cli.Result put =
        cli.run(
            "put",
            "-a",
            app,
            "-c",
            "Backend",
            "-s",
            "Dev",
            "multi",
            "--from-file",
            file.toString());
    Cli.Result get = cli.run("get", "-a", app, "-c", "backend", "-s", "dev", "multi", "-o", "yaml");

    assertThat(put.exit()).as(put.toString()).isZero();
    JsonNode yaml = YAML.readTree(get.out());
    assertThat(yaml.get("value").asText()).isEqualTo("line one\nline two\n");
    assertThat(yaml.get("name").asText()).isEqualTo(app.toUpperCase() + ".backend.dev.multi");
  }

  @Test
  void historyAndListShowVersionsWritersAndTimesButNeverValues() throws Exception {
    String app = CliStores.freshApp();
    cli.runWithInput("v-one", "put", "-a", app, "-s", "qa", "token");
    cli.runWithInput("v-two", "put", "-a", app, "-s", "qa", "token");
    cli.runWithInput("other", "put", "-a", app, "-s", "qa", "api.key");

    Cli.Result history = cli.run("history", "-a", app, "-s", "qa", "token");
    Cli.Result historyJson = cli.run("history", "-a", app, "-s", "qa", "token", "-o", "json");
    Cli.Result list = cli.run("list", "-a", app, "-s", "qa");
    Cli.Result listYaml = cli.run("list", "-a", app, "-s", "qa", "-o", "yaml");

    assertThat(history.exit()).isZero();
    assertThat(history.out().lines().findFirst().orElseThrow())
        .containsSubsequence("VERSION", "UPDATED-ON", "UPDATED-BY");
    JsonNode versions = JSON.readTree(historyJson.out());
    assertThat(versions).hasSize(2);
    assertThat(versions.get(0).get("version").asText()).isEqualTo("2");
    assertThat(versions.get(1).get("version").asText()).isEqualTo("1");
    // moto's GetCallerIdentity answers for the test keys with this user; Fidelius records the
    // caller's ARN.
    assertThat(versions.get(0).get("updatedBy").asText())
        .isEqualTo("arn:aws:sts::123456789012:user/moto");
    assertThat(versions.get(0).get("updatedOn").asText()).endsWith("Z");
    assertThat(list.out()).contains("token", "api.key");
    JsonNode listed = YAML.readTree(listYaml.out());
    assertThat(listed).extracting(n -> n.get("name").asText()).containsExactly("api.key", "token");
    assertThat(listed.get(1).get("version").asText()).isEqualTo("2");
    assertThat(history.out() + historyJson.out() + list.out() + listYaml.out())
        .doesNotContain("v-one", "v-two", "other");
  }

  @Test
  void deleteAsksFirstAndRemovesEveryVersion() {
    String app = CliStores.freshApp();
    cli.runWithInput("a", "put", "-a", app, "-s", "dev", "temp");
    cli.runWithInput("b", "put", "-a", app, "-s", "dev", "temp");

    Cli.Result refused = cli.runWithInput("n\n", "delete", "-a", app, "-s", "dev", "temp");
    assertThat(refused.exit()).isEqualTo(ExitCodes.FAILED);
    assertThat(refused.err()).contains("[y/N]", "not confirmed");
    assertThat(cli.run("get", "-a", app, "-s", "dev", "temp").out()).isEqualTo("b\n");

    Cli.Result confirmed =
        cli.runWithInput("y\n", "delete", "-a", app, "-s", "dev", "temp", "-o", "json");
    assertThat(confirmed.exit()).as(confirmed.toString()).isZero();
    assertThat(confirmed.out()).contains("\"versionsDeleted\" : 2");
    assertThat(cli.run("get", "-a", app, "-s", "dev", "temp").exit())
        .isEqualTo(ExitCodes.NOT_FOUND);
    Cli.Result again = cli.run("delete", "-a", app, "-s", "dev", "temp", "--yes");
    assertThat(again.exit()).isEqualTo(ExitCodes.NOT_FOUND);
  }

  @Test
  void diffComparesSdlcsWithoutShowingValues() throws Exception {
    String app = CliStores.freshApp();
    cli.runWithInput("same-value", "put", "-a", app, "-s", "staging", "same");
    cli.runWithInput("same-value", "put", "-a", app, "-s", "prod", "same");
    cli.runWithInput("staging-value", "put", "-a", app, "-s", "staging", "changed");
    cli.runWithInput("prod-value", "put", "-a", app, "-s", "prod", "changed");
    cli.runWithInput("new-value", "put", "-a", app, "-s", "staging", "new");

    Cli.Result table = cli.run("diff", "-a", app, "--sdlc", "staging,prod");
    Cli.Result json = cli.run("diff", "-a", app, "--sdlc", "staging,prod", "-o", "json");

    assertThat(table.exit()).as(table.toString()).isZero();
    assertThat(table.out().lines().findFirst().orElseThrow())
        .containsSubsequence("NAME", "STAGING", "PROD", "STATE");
    JsonNode rows = JSON.readTree(json.out());
    assertThat(rows)
        .extracting(r -> r.get("name").asText() + "=" + r.get("state").asText())
        .containsExactly("changed=differs", "new=missing", "same=same");
    assertThat(rows.get(1).get("prod").isNull()).isTrue();
    assertThat(table.out() + json.out() + table.err())
        .doesNotContain("same-value", "staging-value", "prod-value", "new-value");
  }

  @Test
  void copyPromotesOnlyWhatDiffersAsNewVersions() {
    String app = CliStores.freshApp();
    cli.runWithInput("db-staging", "put", "-a", app, "-s", "staging", "db");
    cli.runWithInput("key-both", "put", "-a", app, "-s", "staging", "key");
    cli.runWithInput("key-both", "put", "-a", app, "-s", "prod", "key");

    Cli.Result copy = cli.run("copy", "-a", app, "--from-sdlc", "staging", "--to-sdlc", "prod");

    assertThat(copy.exit()).as(copy.toString()).isZero();
    assertThat(copy.out())
        .containsPattern("db\\s+v1\\s+v1\\s+written")
        .containsPattern("key\\s+v1\\s+v1\\s+unchanged");
    assertThat(copy.out()).doesNotContain("db-staging", "key-both");
    assertThat(cli.run("get", "-a", app, "-s", "prod", "db").out()).isEqualTo("db-staging\n");
    Cli.Result named =
        cli.run("copy", "-a", app, "--from-sdlc", "staging", "--to-sdlc", "prod", "key", "--force");
    assertThat(named.out()).containsPattern("key\\s+v1\\s+v2\\s+written").doesNotContain("db ");
  }

  @Test
  void exportWritesDotenvJsonYamlAndTemplates() throws Exception {
    String app = CliStores.freshApp();
    cli.runWithInput("pä$s \"x\"", "put", "-a", app, "-s", "dev", "db.password");
    cli.runWithInput("admin", "put", "-a", app, "-s", "dev", "user");
    Path template = dir.resolve("url.tmpl");
    Files.writeString(
        template, "postgres://{{ .user }}:{{ index . \"db.password\" | urlquery }}@db/app\n");

    Cli.Result dotenv = cli.run("export", "-a", app, "-s", "dev");
    Cli.Result json = cli.run("export", "-a", app, "-s", "dev", "--format", "json");
    Cli.Result yaml = cli.run("export", "-a", app, "-s", "dev", "--format", "yaml");
    Cli.Result rendered =
        cli.run("export", "-a", app, "-s", "dev", "--template", template.toString());

    assertThat(dotenv.out()).isEqualTo("DB_PASSWORD=\"pä\\$s \\\"x\\\"\"\nUSER=\"admin\"\n");
    assertThat(JSON.readTree(json.out()).get("db.password").asText()).isEqualTo("pä$s \"x\"");
    assertThat(YAML.readTree(yaml.out()).get("user").asText()).isEqualTo("admin");
    assertThat(rendered.out()).isEqualTo("postgres://admin:p%C3%A4%24s%20%22x%22@db/app\n");
    Files.writeString(template, "{{ .missing }}");
    Cli.Result badTemplate =
        cli.run("export", "-a", app, "-s", "dev", "--template", template.toString());
    assertThat(badTemplate.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(badTemplate.err()).contains("missing").doesNotContain("admin");
  }
}
