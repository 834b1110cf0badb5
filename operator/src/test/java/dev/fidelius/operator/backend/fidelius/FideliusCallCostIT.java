package dev.fidelius.operator.backend.fidelius;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.operator.aws.AwsCallCounter;
import dev.fidelius.operator.backend.Outcome;
import dev.fidelius.operator.backend.SecretId;
import dev.fidelius.operator.backend.SecretRequest;
import dev.fidelius.operator.backend.SecretScope;
import dev.fidelius.operator.backend.SecretValue;
import dev.fidelius.operator.testsupport.MotoServer;
import dev.fidelius.operator.testsupport.TestServers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Measures the AWS calls of the Fidelius store's cost model and prints them by operation: reading
 * 100 names twice (the second pass must not call KMS) and detecting one changed name among 100 (no
 * KMS at all).
 */
@ExtendWith(TestServers.class)
class FideliusCallCostIT {

  private static final int NAMES = 100;
  private static final AwsCallCounter.Call DECRYPT = new AwsCallCounter.Call("kms", "Decrypt");

  private static FideliusTestStore store;
  private final Map<String, Map<AwsCallCounter.Call, Long>> measured = new LinkedHashMap<>();

  @BeforeAll
  static void startStore(MotoServer moto) {
    store = FideliusTestStore.create(moto, "callcost");
  }

  @AfterAll
  static void stopStore() {
    store.close();
  }

  @Test
  void readingUnchangedNamesCallsKmsOnceAndDetectingAChangeNever() {
    SecretScope scope =
        SecretScope.of("cost" + UUID.randomUUID().toString().substring(0, 8), "prod");
    List<SecretId> ids = new ArrayList<>();
    for (int i = 0; i < NAMES; i++) {
      ids.add(new SecretId(scope, String.format("secret-%03d", i)));
    }
    measure(
        "write 100 new names",
        () -> {
          ids.forEach(id -> store.write(id, "value of " + id.name()));
          return null;
        });
    FideliusReader reader = store.reader();
    List<SecretRequest> latest = ids.stream().map(SecretRequest::latest).toList();

    Map<SecretRequest, Outcome<SecretValue>> first =
        measure("read 100 names, first pass", () -> reader.read(latest));
    Map<SecretRequest, Outcome<SecretValue>> second =
        measure("read the 100 unchanged names again", () -> reader.read(latest));

    assertThat(first.values()).allMatch(Outcome::isOk);
    assertThat(second.values())
        .allSatisfy(v -> assertThat(v.value().text()).get().asString().startsWith("value of "));
    assertThat(calls("read 100 names, first pass", DECRYPT)).isEqualTo(NAMES);
    assertThat(measured.get("read the 100 unchanged names again").keySet())
        .as("the second pass reads no value through KMS")
        .noneMatch(call -> call.service().equals("kms"));

    Map<SecretId, Outcome<String>> baseline =
        measure(
            "current versions of 100 names (first check, table size unknown yet)",
            () -> reader.currentVersions(ids));
    assertThat(baseline.values()).allMatch(v -> v.equals(Outcome.ok("1")));
    SecretId rotated = ids.get(42);
    store.write(rotated, "rotated value");

    Map<SecretId, Outcome<String>> byScan =
        measure(
            "detect 1 changed name among 100 (projection Scan)", () -> reader.currentVersions(ids));
    Map<SecretId, Outcome<String>> byQuery =
        measure(
            "detect 1 changed name among 100 (Query per name)",
            () -> store.queryingReader().currentVersions(ids));
    Outcome<SecretValue> changed =
        measure(
            "read the 1 changed name",
            () ->
                reader
                    .read(List.of(SecretRequest.latest(rotated)))
                    .get(SecretRequest.latest(rotated)));

    for (Map<SecretId, Outcome<String>> detected : List.of(byScan, byQuery)) {
      assertThat(changedNames(baseline, detected)).containsExactly(rotated);
    }
    for (String detection :
        List.of(
            "detect 1 changed name among 100 (projection Scan)",
            "detect 1 changed name among 100 (Query per name)")) {
      assertThat(calls(detection, DECRYPT)).as(detection).isZero();
      assertThat(measured.get(detection).keySet())
          .as(detection)
          .noneMatch(call -> call.service().equals("kms"));
    }
    assertThat(
            calls(
                "detect 1 changed name among 100 (projection Scan)",
                new AwsCallCounter.Call("dynamodb", "Scan")))
        .isEqualTo(1);
    assertThat(changed.value().text()).contains("rotated value");
    assertThat(calls("read the 1 changed name", DECRYPT)).isEqualTo(1);

    printTable();
  }

  private <T> T measure(String scenario, Supplier<T> work) {
    var before = store.counter().snapshot();
    T result = work.get();
    measured.put(scenario, store.counter().since(before));
    return result;
  }

  private long calls(String scenario, AwsCallCounter.Call call) {
    return measured.get(scenario).getOrDefault(call, 0L);
  }

  private static List<SecretId> changedNames(
      Map<SecretId, Outcome<String>> before, Map<SecretId, Outcome<String>> after) {
    return after.keySet().stream().filter(id -> !after.get(id).equals(before.get(id))).toList();
  }

  /** A Markdown table, ready to paste into an issue. */
  private void printTable() {
    TreeSet<AwsCallCounter.Call> operations = new TreeSet<>();
    measured.values().forEach(calls -> operations.addAll(calls.keySet()));
    StringBuilder header = new StringBuilder("| scenario |");
    StringBuilder rule = new StringBuilder("|---|");
    operations.forEach(
        op -> {
          header.append(' ').append(op).append(" |");
          rule.append("---:|");
        });
    header.append(" total |");
    rule.append("---:|");

    System.out.println();
    System.out.println(
        "AWS calls by operation, Fidelius store (DynamoDB and KMS in moto), " + NAMES + " names");
    System.out.println(header);
    System.out.println(rule);
    measured.forEach(
        (scenario, calls) -> {
          StringBuilder row = new StringBuilder("| ").append(scenario).append(" |");
          operations.forEach(op -> row.append(' ').append(calls.getOrDefault(op, 0L)).append(" |"));
          row.append(' ')
              .append(calls.values().stream().mapToLong(Long::longValue).sum())
              .append(" |");
          System.out.println(row);
        });
    System.out.println();
  }
}
