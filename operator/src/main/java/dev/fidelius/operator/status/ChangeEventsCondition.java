package dev.fidelius.operator.status;

import dev.fidelius.operator.backend.FeedState;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A store's {@code ChangeEvents} condition: True while the store's change events are live (polling
 * only every safetyInterval), False with the reason while the operator polls at each
 * FideliusSecret's refreshInterval. The message holds no time, so the condition changes only when
 * the state does.
 */
public final class ChangeEventsCondition {

  public static final String TYPE = "ChangeEvents";
  public static final String LIVE = "Live";
  public static final String POLLING = "Polling";

  private ChangeEventsCondition() {}

  /**
   * {@code existing} with the ChangeEvents condition set from {@code feed} (empty: no feed in use).
   */
  public static List<Condition> upsert(
      List<Condition> existing, Optional<FeedState> feed, Long generation, Instant now) {
    boolean live = feed.map(FeedState::live).orElse(false);
    String reason =
        live ? LIVE : feed.map(FeedState::reason).map(ChangeEventsCondition::camel).orElse(POLLING);
    String message =
        live
            ? "change events are live; polling only as a safety net"
            : feed.isEmpty()
                ? "no change events in use: polling at each FideliusSecret's refreshInterval"
                : "change events are not live: polling at each FideliusSecret's refreshInterval";
    String status = live ? "True" : "False";
    Optional<Condition> previous =
        existing == null
            ? Optional.empty()
            : existing.stream().filter(c -> TYPE.equals(c.getType())).findFirst();
    String transition =
        previous
            .filter(p -> status.equals(p.getStatus()) && Objects.equals(reason, p.getReason()))
            .map(Condition::getLastTransitionTime)
            .orElse(now.truncatedTo(ChronoUnit.SECONDS).toString());
    List<Condition> result = new ArrayList<>();
    if (existing != null) {
      existing.stream().filter(c -> !TYPE.equals(c.getType())).forEach(result::add);
    }
    result.add(
        new ConditionBuilder()
            .withType(TYPE)
            .withStatus(status)
            .withReason(reason)
            .withMessage(message)
            .withObservedGeneration(generation)
            .withLastTransitionTime(transition)
            .build());
    return result;
  }

  /**
   * {@code NO_STREAM} to {@code NoStream}: a condition reason of letters only, whatever the feed
   * said.
   */
  static String camel(String reason) {
    StringBuilder out = new StringBuilder();
    boolean upper = true;
    for (int i = 0; i < reason.length() && out.length() < 64; i++) {
      char c = reason.charAt(i);
      if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z') {
        out.append(
            upper
                ? Character.toUpperCase(c)
                : reason.equals(reason.toUpperCase()) ? Character.toLowerCase(c) : c);
        upper = false;
      } else {
        upper = true;
      }
    }
    return out.length() == 0 ? POLLING : out.toString();
  }
}
