package dev.fidelius.operator.backend.parameterstore;

import dev.fidelius.operator.backend.Outcome;
import dev.fidelius.operator.backend.VersionSelector;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * A version as Parameter Store selects it: nothing for the current version, {@code :3} for version
 * 3, {@code :stable} for the version carrying label {@code stable}. A pinned version is a number; a
 * label is anything else, so both the {@code version} and the {@code versionStage} of a
 * FideliusSecret can name one.
 *
 * @param suffix what follows the parameter name in a GetParameters request
 * @param pinned the version number, when the selector is one
 */
record ParameterSelector(String suffix, OptionalLong pinned) {

  static final ParameterSelector CURRENT = new ParameterSelector("", OptionalLong.empty());

  /**
   * Parameter Store's rule for labels: letters, digits, periods, hyphens, underscores, at most 100.
   */
  private static final Pattern LABEL = Pattern.compile("[A-Za-z_.\\-][A-Za-z0-9_.\\-]{0,99}");

  private static final Pattern NUMBER = Pattern.compile("[0-9]{1,18}");

  static Outcome<ParameterSelector> of(VersionSelector selector) {
    if (selector instanceof VersionSelector.Exact exact) {
      return of(exact.versionId().strip());
    }
    if (selector instanceof VersionSelector.Stage stage) {
      return of(stage.label().strip());
    }
    return Outcome.ok(CURRENT);
  }

  private static Outcome<ParameterSelector> of(String text) {
    if (NUMBER.matcher(text).matches()) {
      long version = Long.parseLong(text);
      return Outcome.ok(new ParameterSelector(":" + version, OptionalLong.of(version)));
    }
    if (LABEL.matcher(text).matches()
        && !text.regionMatches(true, 0, "aws", 0, 3)
        && !text.regionMatches(true, 0, "ssm", 0, 3)) {
      return Outcome.ok(new ParameterSelector(":" + text, OptionalLong.empty()));
    }
    return Outcome.failed(
        dev.fidelius.operator.backend.ErrorKind.INVALID_REQUEST,
        "version \""
            + text
            + "\" is neither a Parameter Store version number nor a label (letters, digits, '.', '-', '_'; at most"
            + " 100; not starting with a digit, aws or ssm)");
  }
}
