package dev.fidelius.operator.access;

import dev.fidelius.operator.api.AccessRule;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Describes what the rules covering a namespace grant, for a denial message: {@code applications
 * [PAYMENTS] and sdlcs [dev, qa]}, several rules joined by "or". Each rule stays a pair, because a
 * union of all applications and all SDLCs would suggest combinations no rule grants. Only rules
 * that already cover the requester's namespace are described, so a tenant never learns what other
 * namespaces are granted.
 */
final class GrantSummary {

  /** Rules described before the summary stops, so that a status message stays readable. */
  private static final int MAX_RULES_DESCRIBED = 5;

  private GrantSummary() {}

  static String of(List<AccessRule> rules) {
    String described =
        rules.stream()
            .limit(MAX_RULES_DESCRIBED)
            .map(
                rule ->
                    "applications "
                        + listed(rule.getApplications())
                        + " and sdlcs "
                        + listed(rule.getSdlcs()))
            .collect(Collectors.joining(" or "));
    int more = rules.size() - MAX_RULES_DESCRIBED;
    return more > 0 ? described + " (and " + more + " more rules)" : described;
  }

  private static String listed(List<String> patterns) {
    return patterns == null ? "[]" : patterns.toString();
  }
}
