package dev.fidelius.operator.sync;

import dev.fidelius.operator.backend.BackendError;
import dev.fidelius.operator.backend.ErrorKind;
import dev.fidelius.operator.backend.SecretValue;
import dev.fidelius.operator.backend.ServingRegion;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Keeps a Secret from going back to an older version when its store's reads move to another region
 * whose replica lags: a version read in a failover region, or in another region than the last
 * sync's, is refused when it is older than the version the Secret holds. Older means a lower
 * version number (the Fidelius store's ordered versions) or, for version ids, an earlier write time
 * (a Secrets Manager version's creation date). Where neither tells, the version is taken.
 *
 * <p>A store read in one region is never checked: there, moving the current version back (a
 * rollback) is the owner's decision.
 */
final class VersionRegression {

  private final PriorSync prior;
  private final Optional<ServingRegion> serving;

  VersionRegression(PriorSync prior, Optional<ServingRegion> serving) {
    this.prior = prior;
    this.serving = serving;
  }

  /** The refusal when {@code value} of secret {@code name} is older than what the Secret holds. */
  Optional<BackendError> check(String name, SecretValue value) {
    if (serving.isEmpty() || !applies(serving.get())) {
      return Optional.empty();
    }
    String held = prior.versions().get(name);
    if (held == null || held.equals(value.version()) || !older(name, value, held)) {
      return Optional.empty();
    }
    return Optional.of(
        BackendError.of(
            ErrorKind.REPLICA_BEHIND,
            name
                + ": region "
                + serving.get().region()
                + " serves version "
                + value.version()
                + ", older than version "
                + held
                + " the Secret holds"
                + (prior.region() == null ? "" : " (read in " + prior.region() + ")")
                + "; the Secret keeps it until the region catches up"));
  }

  private boolean applies(ServingRegion region) {
    return !region.primary() || (prior.region() != null && !prior.region().equals(region.region()));
  }

  private boolean older(String name, SecretValue value, String held) {
    Optional<Long> candidate = number(value.version());
    Optional<Long> current = number(held);
    if (candidate.isPresent() && current.isPresent()) {
      return candidate.get() < current.get();
    }
    Instant heldOn = prior.updatedOn().get(name);
    return heldOn != null && value.updatedOn().map(on -> on.isBefore(heldOn)).orElse(false);
  }

  /** A version number (the Fidelius store's, zero-padded or not); empty for a version id. */
  private static Optional<Long> number(String version) {
    Objects.requireNonNull(version, "version");
    if (version.isEmpty()
        || version.length() > 19
        || !version.chars().allMatch(Character::isDigit)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Long.parseLong(version));
    } catch (NumberFormatException e) {
      return Optional.empty(); // past Long.MAX_VALUE: no store counts that far
    }
  }
}
