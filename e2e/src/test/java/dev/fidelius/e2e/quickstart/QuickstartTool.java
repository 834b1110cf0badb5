package dev.fidelius.e2e.quickstart;

import dev.fidelius.e2e.support.Chart;
import dev.fidelius.e2e.support.ProjectPaths;
import dev.fidelius.e2e.support.Rendered;
import dev.fidelius.e2e.support.ServiceAccountKubeconfig;
import dev.fidelius.operator.backend.SecretId;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The Java steps of {@code scripts/quickstart.sh}, each a subcommand that does one thing and exits:
 *
 * <ul>
 *   <li>{@code render}: renders the chart with the quickstart's values into the CRDs, the access
 *       manifests (ServiceAccount, roles, bindings) and the operator container's environment;
 *   <li>{@code token}: a kubeconfig with a token of the chart's ServiceAccount, which the operator
 *       runs with;
 *   <li>{@code seed}: the demo secrets, in both backends and three accounts of the AWS emulator;
 *   <li>{@code examples}: examples/ adapted to the emulator's endpoint;
 *   <li>{@code events}: a rotation in the Fidelius store reaching an hourly FideliusSecret through
 *       the table's stream, timed;
 *   <li>{@code rotate}: a new version of two demo secrets.
 * </ul>
 */
public final class QuickstartTool {

  private QuickstartTool() {}

  /** Runs one command, or several separated by {@code +} (one JVM start instead of several). */
  public static void main(String[] args) {
    List<List<String>> commands = new ArrayList<>();
    List<String> current = new ArrayList<>();
    for (String arg : args) {
      if (arg.equals("+")) {
        commands.add(current);
        current = new ArrayList<>();
      } else {
        current.add(arg);
      }
    }
    commands.add(current);
    for (List<String> command : commands) {
      if (command.isEmpty()) {
        usage();
      }
      try {
        run(command.get(0), options(command));
      } catch (RuntimeException e) {
        System.err.println("quickstart " + command.get(0) + " failed: " + e);
        e.printStackTrace();
        System.exit(1);
      }
    }
    System.exit(0); // the AWS SDK's and fabric8's pools hold non-daemon threads
  }

  private static void run(String command, Map<String, String> options) {
    switch (command) {
      case "render" ->
          render(
              Path.of(required(options, "values")),
              required(options, "release"),
              required(options, "namespace"),
              Path.of(required(options, "out")));
      case "token" ->
          token(
              Path.of(required(options, "kubeconfig")),
              required(options, "namespace"),
              required(options, "service-account"),
              Path.of(required(options, "out")));
      case "seed" -> seed(URI.create(required(options, "endpoint")));
      case "examples" ->
          LocalExamples.write(
              ProjectPaths.examples(),
              URI.create(required(options, "endpoint")),
              options.getOrDefault("refresh-interval", "5s"),
              Path.of(required(options, "out")));
      case "events" ->
          EventsDemo.run(
              Path.of(required(options, "kubeconfig")), URI.create(required(options, "endpoint")));
      case "rotate" -> rotate(URI.create(required(options, "endpoint")));
      default -> usage();
    }
  }

  static void render(Path values, String release, String namespace, Path out) {
    Rendered rendered = Chart.local().template(release, namespace, values);
    write(out.resolve("chart.yaml"), rendered.yaml());
    write(out.resolve("crds.yaml"), Rendered.toYaml(rendered.ofKind("CustomResourceDefinition")));
    write(out.resolve("access.yaml"), Rendered.toYaml(rendered.ofKinds(Rendered.ACCESS_KINDS)));
    write(
        out.resolve("operator.env"),
        rendered.operatorEnv().entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining("\n", "", "\n")));
    ServiceAccount sa = rendered.all(ServiceAccount.class).get(0);
    write(
        out.resolve("serviceaccount"),
        sa.getMetadata().getNamespace() + "/" + sa.getMetadata().getName() + "\n");
    System.out.println("rendered " + String.join(", ", rendered.names()));
  }

  static void token(Path adminKubeconfig, String namespace, String serviceAccount, Path out) {
    try (KubernetesClient admin =
        new KubernetesClientBuilder()
            .withConfig(Config.fromKubeconfig(Files.readString(adminKubeconfig)))
            .build()) {
      String kubeconfig =
          ServiceAccountKubeconfig.create(admin, namespace, serviceAccount, Duration.ofHours(48));
      Files.writeString(out, kubeconfig);
      Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rw-------"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void seed(URI endpoint) {
    try (DemoAccounts accounts = new DemoAccounts(endpoint)) {
      DemoAccounts.Account own = accounts.operatorAccount();
      var fidelius = own.fidelius();
      DemoAccounts.write(fidelius, DemoData.DB_USERNAME, DemoData.DB_USERNAME_VALUE);
      DemoAccounts.write(fidelius, DemoData.DB_PASSWORD, DemoData.DB_PASSWORD_VALUE);
      DemoAccounts.write(fidelius, DemoData.FEATURE_CHECKOUT, "enabled");
      DemoAccounts.write(fidelius, DemoData.FEATURE_FRAUD, "shadow");
      own.putSecret(DemoData.DB_CONFIG_NAME, DemoData.DB_CONFIG_VALUE);
      own.putParameter(DemoData.CHECKOUT_BANNER_PARAMETER, DemoData.CHECKOUT_BANNER_VALUE);
      own.putEnvelopeObject(
          DemoData.SIGNING_KEY_BUCKET,
          DemoData.SIGNING_KEY_OBJECT,
          DemoData.SIGNING_KEY_VALUE,
          Map.of("Application", "PAYMENTS", "SDLC", "dev"));
      System.out.println(
          "account "
              + DemoData.OPERATOR_ACCOUNT
              + " (the operator's own): Fidelius "
              + names(
                  DemoData.DB_USERNAME,
                  DemoData.DB_PASSWORD,
                  DemoData.FEATURE_CHECKOUT,
                  DemoData.FEATURE_FRAUD)
              + "; Secrets Manager "
              + DemoData.DB_CONFIG_NAME
              + "; Parameter Store "
              + DemoData.CHECKOUT_BANNER_PARAMETER
              + "; S3 s3://"
              + DemoData.SIGNING_KEY_BUCKET
              + "/"
              + DemoData.SIGNING_KEY_OBJECT);

      DemoAccounts.write(
          accounts.prodAccount().fidelius(),
          DemoData.PROD_DB_PASSWORD,
          DemoData.PROD_DB_PASSWORD_VALUE);
      System.out.println(
          "account 222233334444 (production, by AssumeRole): Fidelius "
              + names(DemoData.PROD_DB_PASSWORD));

      DemoAccounts.Account tenant = accounts.tenantAccount();
      tenant.putSecret(DemoData.STRIPE_KEY_NAME, DemoData.STRIPE_KEY_VALUE);
      tenant.putSecret(DemoData.WEBHOOK_SECRET_NAME, DemoData.WEBHOOK_SECRET_VALUE);
      System.out.println(
          "account 111122223333 (the payments team's role, by AssumeRoleWithWebIdentity): Secrets"
              + " Manager "
              + DemoData.STRIPE_KEY_NAME
              + ", "
              + DemoData.WEBHOOK_SECRET_NAME);
    }
  }

  static void rotate(URI endpoint) {
    String stamp = LocalTime.now().format(DateTimeFormatter.ofPattern("HHmmss"));
    try (DemoAccounts accounts = new DemoAccounts(endpoint)) {
      String version =
          DemoAccounts.write(
              accounts.operatorAccount().fidelius(), DemoData.DB_PASSWORD, "demo-rotated-" + stamp);
      System.out.println("Fidelius " + names(DemoData.DB_PASSWORD) + ": new version " + version);
      accounts.tenantAccount().putSecret(DemoData.STRIPE_KEY_NAME, "sk_test_demo_" + stamp);
      System.out.println(
          "Secrets Manager " + DemoData.STRIPE_KEY_NAME + " (account 111122223333): new version");
    }
  }

  private static String names(SecretId... ids) {
    return Arrays.stream(ids).map(DemoData::fideliusName).collect(Collectors.joining(", "));
  }

  private static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, String> options(List<String> command) {
    Map<String, String> options = new HashMap<>();
    for (int i = 1; i < command.size(); i += 2) {
      if (!command.get(i).startsWith("--") || i + 1 >= command.size()) {
        usage();
      }
      options.put(command.get(i).substring(2), command.get(i + 1));
    }
    return options;
  }

  private static String required(Map<String, String> options, String name) {
    String value = options.get(name);
    if (value == null || value.isBlank()) {
      System.err.println("missing --" + name);
      usage();
    }
    return value;
  }

  private static void usage() {
    System.err.println(
        String.join(
            "\n",
            "usage: QuickstartTool render --values FILE --release NAME --namespace NS --out DIR",
            "       QuickstartTool token --kubeconfig FILE --namespace NS --service-account NAME --out FILE",
            "       QuickstartTool seed --endpoint URL",
            "       QuickstartTool examples --endpoint URL --out DIR [--refresh-interval 5s]",
            "       QuickstartTool events --kubeconfig FILE --endpoint URL",
            "       QuickstartTool rotate --endpoint URL",
            "Several commands run in one JVM when separated by +."));
    System.exit(2);
  }
}
