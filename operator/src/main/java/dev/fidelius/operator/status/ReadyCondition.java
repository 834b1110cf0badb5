package dev.fidelius.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds the {@code Ready} condition, keeping its lastTransitionTime while status and reason stay
 * the same, so that condition churn shows real transitions only.
 */
public final class ReadyCondition {

  public static final String TYPE = "Ready";
  private static final int MAX_MESSAGE = 1024;

  private ReadyCondition() {}

  public static List<Condition> upsert(
      List<Condition> existing,
      boolean ready,
      String reason,
      String message,
      Long generation,
      Instant now) {
    List<Condition> result = new ArrayList<>();
    Optional<Condition> previous = find(existing);
    String status = ready ? "True" : "False";
    String transition =
        previous
            .filter(p -> status.equals(p.getStatus()) && Objects.equals(reason, p.getReason()))
            .map(Condition::getLastTransitionTime)
            .orElse(now.truncatedTo(ChronoUnit.SECONDS).toString());
    if (existing != null) {
      existing.stream().filter(c -> !TYPE.equals(c.getType())).forEach(result::add);
    }
    result.add(
        new ConditionBuilder()
            .withType(TYPE)
            .withStatus(status)
            .withReason(reason)
            .withMessage(bound(message))
            .withObservedGeneration(generation)
            .withLastTransitionTime(transition)
            .build());
    return result;
  }

  public static Optional<Condition> find(List<Condition> conditions) {
    return conditions == null
        ? Optional.empty()
        : conditions.stream().filter(c -> TYPE.equals(c.getType())).findFirst();
  }

  /** True when status or reason differ: worth an Event. */
  public static boolean changed(List<Condition> before, List<Condition> after) {
    Optional<Condition> b = find(before);
    Optional<Condition> a = find(after);
    return b.isEmpty()
        || a.isEmpty()
        || !Objects.equals(b.get().getStatus(), a.get().getStatus())
        || !Objects.equals(b.get().getReason(), a.get().getReason());
  }

  private static String bound(String message) {
    return message == null || message.length() <= MAX_MESSAGE
        ? message
        : message.substring(0, MAX_MESSAGE) + "...";
  }
}
