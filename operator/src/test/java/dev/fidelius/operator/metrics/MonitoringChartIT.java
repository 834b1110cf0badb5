package dev.fidelius.operator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.fidelius.operator.backend.SecretId;
import dev.fidelius.operator.reconciler.OperatorHarness;
import dev.fidelius.operator.testsupport.AwsTestClients;
import dev.fidelius.operator.testsupport.FideliusSdk;
import dev.fidelius.operator.testsupport.FreePorts;
import dev.fidelius.operator.testsupport.KubeApiServer;
import dev.fidelius.operator.testsupport.MotoServer;
import dev.fidelius.operator.testsupport.TestServers;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * The chart's Grafana dashboard and Prometheus alerts refer only to metrics and labels the operator
 * really exports: checked against a scrape after a successful sync, a failed one, a live change
 * feed and a store whose AWS calls fail (so the lazily registered series exist). Throttling has the
 * same series with {@code kind="throttled"} (moto cannot throttle: StoreMetricsTest covers the
 * classification).
 */
@ExtendWith(TestServers.class)
class MonitoringChartIT {

  private static final Path CHART = Path.of("..", "charts", "fidelius-operator", "files");
  private static final Pattern SERIES =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*\\})?");
  private static final Pattern SERIES_LABEL = Pattern.compile("([a-zA-Z_]\\w*)=\"");
  private static final Pattern LIVE =
      Pattern.compile("(?m)^fidelius_change_events_live\\{[^}]*monitoring-fidelius[^}]*\\} 1");
  private static final Duration WAIT = Duration.ofSeconds(60);

  /** Series that exist once a FideliusSecret synced, one failed and a store's AWS call failed. */
  private static final List<String> PER_RESOURCE =
      List.of(
          "fidelius_secret_condition{",
          "fidelius_secret_last_sync_timestamp_seconds{",
          "fidelius_secret_refresh_interval_seconds{",
          "fidelius_store_ready{",
          "fidelius_aws_errors_total{");

  @Test
  void everyMetricAndLabelTheDashboardAndAlertsUseIsExported(KubeApiServer server, MotoServer moto)
      throws IOException {
    List<String> expressions = new ArrayList<>(dashboardExpressions());
    expressions.addAll(alertExpressions());
    assertThat(expressions).hasSizeGreaterThan(5);

    try (OperatorHarness operator = new OperatorHarness(server, Map.of()).start();
        AwsTestClients aws = new AwsTestClients()) {
      String table = "monitoring-it-" + UUID.randomUUID().toString().substring(0, 8);
      createTableWithStream(aws, moto, table);
      String key =
          aws.kms(moto.endpoint())
              .createKey(b -> b.description("monitoring"))
              .keyMetadata()
              .keyId();
      FideliusSdk fidelius = new FideliusSdk(moto.endpoint(), moto.endpoint());
      SecretId db = SecretId.of("payments", null, "dev", "monitored-db");
      fidelius.put(db, "v1", table, key);
      operator.namespace("monitoring", Map.of());
      apply(operator, store(table, moto));
      apply(operator, fideliusSecret("monitored", "monitored-db", "monitoring-fidelius"));
      apply(operator, fideliusSecret("missing", "no-such-secret", "monitoring-fidelius"));
      // A store nobody answers for: its failed AWS calls give the per-store error series.
      apply(operator, unreachableStore());
      apply(operator, fideliusSecret("unreachable", "monitored-db", "monitoring-unreachable"));

      OperatorMetrics metrics = operator.runtime().metrics();
      await(
          () -> {
            String scrape = metrics.scrape();
            return scrape.contains("fidelius_syncs_total{")
                && scrape.contains("fidelius_sync_errors_total{")
                && LIVE.matcher(scrape).find()
                && PER_RESOURCE.stream().allMatch(scrape::contains);
          });
      // A change event, so the per-event gauges (age, lag) have a series too.
      fidelius.put(db, "v2", table, key);
      await(() -> metrics.scrape().contains("fidelius_change_events_lag_seconds{"));
      Map<String, Set<String>> exported = exported(metrics.scrape());
      for (String expr : expressions) {
        PromQlReferences refs = PromQlReferences.of(expr);
        assertThat(refs.metrics()).as("metrics in %s", expr).isNotEmpty();
        Set<String> labels = new HashSet<>();
        for (String metric : refs.metrics()) {
          assertThat(exported).as("metric of %s", expr).containsKey(base(metric));
          labels.addAll(exported.get(base(metric)));
        }
        assertThat(labels).as("labels of %s", expr).containsAll(refs.labels());
      }
    }
  }

  /** Series names (histogram suffixes stripped) with every label name they carry. */
  private static Map<String, Set<String>> exported(String scrape) {
    Map<String, Set<String>> exported = new HashMap<>();
    scrape
        .lines()
        .filter(line -> !line.startsWith("#") && !line.isBlank())
        .forEach(
            line -> {
              Matcher series = SERIES.matcher(line);
              if (series.find()) {
                Set<String> labels =
                    exported.computeIfAbsent(base(series.group(1)), n -> new HashSet<>());
                if (series.group(2) != null) {
                  Matcher label = SERIES_LABEL.matcher(series.group(2));
                  while (label.find()) {
                    labels.add(label.group(1));
                  }
                }
              }
            });
    return exported;
  }

  private static String base(String metric) {
    return metric.replaceFirst("_(bucket|sum|count)$", "");
  }

  private static List<String> dashboardExpressions() throws IOException {
    JsonNode dashboard =
        new ObjectMapper().readTree(CHART.resolve("dashboards/fidelius.json").toFile());
    List<String> expressions = new ArrayList<>();
    for (JsonNode panel : dashboard.path("panels")) {
      for (JsonNode target : panel.path("targets")) {
        assertThat(target.path("expr").isTextual()).as("panel %s", panel.path("title")).isTrue();
        expressions.add(target.path("expr").asText());
      }
    }
    return expressions;
  }

  /** The rule file's expressions, after checking its shape: groups[].rules[] of complete alerts. */
  private static List<String> alertExpressions() throws IOException {
    JsonNode rules =
        new ObjectMapper(new YAMLFactory())
            .readTree(CHART.resolve("alerts/fidelius-rules.yaml").toFile());
    assertThat(rules.path("groups").isArray()).isTrue();
    List<String> expressions = new ArrayList<>();
    for (JsonNode group : rules.path("groups")) {
      assertThat(group.path("name").isTextual()).isTrue();
      assertThat(group.path("rules").isArray()).isTrue();
      for (JsonNode rule : group.path("rules")) {
        for (String field : List.of("alert", "expr", "for")) {
          assertThat(rule.path(field).isTextual()).as("%s of %s", field, rule).isTrue();
        }
        assertThat(rule.path("labels").path("severity").isTextual())
            .as("severity of %s", rule)
            .isTrue();
        assertThat(rule.path("annotations").path("summary").isTextual())
            .as("summary of %s", rule)
            .isTrue();
        expressions.add(rule.path("expr").asText());
      }
    }
    return expressions;
  }

  private static String store(String table, MotoServer moto) {
    return """
        apiVersion: fidelius.dev/v1alpha1
        kind: ClusterFideliusStore
        metadata: {name: monitoring-fidelius}
        spec:
          provider:
            dynamodb: {table: %s, region: us-east-1}
          endpoints: {dynamodb: "%2$s", kms: "%2$s", sts: "%2$s"}
          access:
            rules:
            - {namespaces: [monitoring], applications: [PAYMENTS], sdlcs: [dev]}
        """
        .formatted(table, moto.endpoint());
  }

  private static String unreachableStore() {
    return """
        apiVersion: fidelius.dev/v1alpha1
        kind: ClusterFideliusStore
        metadata: {name: monitoring-unreachable}
        spec:
          provider:
            dynamodb: {table: nowhere, region: us-east-1}
          endpoints: {dynamodb: "%1$s", kms: "%1$s", sts: "%1$s"}
          access:
            rules:
            - {namespaces: [monitoring], applications: [PAYMENTS], sdlcs: [dev]}
        """
        .formatted("http://127.0.0.1:" + FreePorts.pick());
  }

  private static String fideliusSecret(String name, String secret, String store) {
    return """
        apiVersion: fidelius.dev/v1alpha1
        kind: FideliusSecret
        metadata: {name: %s, namespace: monitoring}
        spec:
          storeRef: {name: %3$s, kind: ClusterFideliusStore}
          application: payments
          sdlc: dev
          refreshInterval: 1h
          data:
          - {name: %s, key: password}
        """
        .formatted(name, secret, store);
  }

  private static void apply(OperatorHarness operator, String yaml) {
    operator.client().resource((HasMetadata) Serialization.unmarshal(yaml)).serverSideApply();
  }

  private static void createTableWithStream(AwsTestClients aws, MotoServer moto, String table) {
    aws.dynamoDb(moto.endpoint())
        .createTable(
            b ->
                b.tableName(table)
                    .keySchema(
                        KeySchemaElement.builder()
                            .attributeName("name")
                            .keyType(KeyType.HASH)
                            .build(),
                        KeySchemaElement.builder()
                            .attributeName("version")
                            .keyType(KeyType.RANGE)
                            .build())
                    .attributeDefinitions(
                        AttributeDefinition.builder()
                            .attributeName("name")
                            .attributeType(ScalarAttributeType.S)
                            .build(),
                        AttributeDefinition.builder()
                            .attributeName("version")
                            .attributeType(ScalarAttributeType.S)
                            .build())
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .streamSpecification(
                        s -> s.streamEnabled(true).streamViewType(StreamViewType.KEYS_ONLY)));
  }

  private static void await(BooleanSupplier condition) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + WAIT + " waiting for the series to appear");
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
