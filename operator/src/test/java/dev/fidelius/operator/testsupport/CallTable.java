package dev.fidelius.operator.testsupport;

import dev.fidelius.operator.aws.AwsCallCounter;
import dev.fidelius.operator.aws.AwsCallCounter.Call;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Measures the AWS calls of the steps of a refresh cycle and prints them as a Markdown table, one
 * column per operation, with the target each step must stay under.
 */
public final class CallTable {

  private record Row(String step, Map<Call, Long> calls, long target) {}

  private final AwsCallCounter counter;
  private final List<Call> columns;
  private final List<Row> rows = new ArrayList<>();

  public CallTable(AwsCallCounter counter, List<Call> columns) {
    this.counter = counter;
    this.columns = List.copyOf(columns);
  }

  /** Runs the step and returns the calls it made. */
  public Map<Call, Long> measure(String step, long target, Runnable action) {
    Map<Call, Long> before = counter.snapshot();
    action.run();
    Map<Call, Long> calls = counter.since(before);
    rows.add(new Row(step, calls, target));
    return calls;
  }

  public static long total(Map<Call, Long> calls) {
    return calls.values().stream().mapToLong(Long::longValue).sum();
  }

  public String render(String title) {
    StringBuilder out = new StringBuilder(String.format("%n| %-58s |", title));
    columns.forEach(c -> out.append(' ').append(c).append(" |"));
    out.append(" total | target |");
    for (Row row : rows) {
      out.append(String.format("%n| %-58s |", row.step()));
      for (Call column : columns) {
        out.append(
            String.format(
                " %" + column.toString().length() + "d |", row.calls().getOrDefault(column, 0L)));
      }
      out.append(String.format(" %5d | %6d |", total(row.calls()), row.target()));
    }
    return out.append(String.format("%n")).toString();
  }
}
