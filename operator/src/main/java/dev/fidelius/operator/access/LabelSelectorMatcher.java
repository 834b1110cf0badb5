package dev.fidelius.operator.access;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;

/**
 * Evaluates a Kubernetes label selector against a set of labels, as the API server does: every
 * {@code matchLabels} entry AND every {@code matchExpressions} requirement must hold.
 *
 * <p>As in Kubernetes, a null selector matches nothing and an empty one ({@code {}}) matches
 * everything. Requirements the API server would reject match nothing here, so a mistake never
 * widens access: an unknown operator, a missing key, In or NotIn without values, Exists or
 * DoesNotExist with values.
 */
public final class LabelSelectorMatcher {

  private LabelSelectorMatcher() {}

  /** True when {@code labels} (null counts as none) satisfy {@code selector}. */
  public static boolean matches(LabelSelector selector, Map<String, String> labels) {
    if (selector == null) {
      return false;
    }
    Map<String, String> actual = labels == null ? Map.of() : labels;
    if (selector.getMatchLabels() != null) {
      for (Map.Entry<String, String> wanted : selector.getMatchLabels().entrySet()) {
        if (wanted.getKey() == null
            || wanted.getValue() == null
            || !wanted.getValue().equals(actual.get(wanted.getKey()))) {
          return false;
        }
      }
    }
    if (selector.getMatchExpressions() != null) {
      for (LabelSelectorRequirement requirement : selector.getMatchExpressions()) {
        if (requirement == null || !holds(requirement, actual)) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean holds(LabelSelectorRequirement requirement, Map<String, String> labels) {
    String key = requirement.getKey();
    if (key == null || requirement.getOperator() == null) {
      return false;
    }
    List<String> values = requirement.getValues() == null ? List.of() : requirement.getValues();
    boolean present = labels.containsKey(key);
    return switch (requirement.getOperator()) {
      case "In" -> !values.isEmpty() && present && values.contains(labels.get(key));
      // As in Kubernetes, a namespace without the label is "not in" any set of values.
      case "NotIn" -> !values.isEmpty() && (!present || !values.contains(labels.get(key)));
      case "Exists" -> values.isEmpty() && present;
      case "DoesNotExist" -> values.isEmpty() && !present;
      default -> false;
    };
  }
}
