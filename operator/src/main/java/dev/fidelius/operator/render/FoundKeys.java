package dev.fidelius.operator.render;

import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The Secret key a secret found by {@code dataFrom.find} lands in. Stores with hierarchical names
 * (Parameter Store paths read recursively, S3 prefixes, Secrets Manager path names) find short
 * names such as {@code tree/leaf}, but a Secret key cannot hold a {@code /}: each {@code /} becomes
 * {@code _}.
 *
 * <p>Why {@code _} and not {@code .}: the result stays a valid environment variable name wherever
 * the name's other parts are (so {@code envFrom} keeps working), a template reads it as {@code {{
 * .tree_leaf }}} without {@code index}, and External Secrets' {@code dataFrom.find} turns {@code /}
 * into {@code _} too (of the full name there), so teams moving over meet the same rule. Two names
 * of one find that map to the same key ({@code tree/leaf} and {@code tree_leaf}) are a conflict the
 * caller reports, never an overwrite.
 */
public final class FoundKeys {

  /** What a {@code /} in a found name becomes in the Secret key. */
  public static final char SEPARATOR_REPLACEMENT = '_';

  private static final int MAX_NAMES_SHOWN = 3;

  private FoundKeys() {}

  /** The target key of the found secret {@code shortName} under the find's {@code keyPrefix}. */
  public static String keyFor(String keyPrefix, String shortName) {
    String prefix = keyPrefix == null ? "" : keyPrefix;
    return prefix + shortName.replace('/', SEPARATOR_REPLACEMENT);
  }

  /**
   * The status message for found names that all map to {@code key}: the names (sorted, quoted, at
   * most {@value #MAX_NAMES_SHOWN}), the key, and what to change. Names and keys only, no value.
   */
  public static String conflict(String key, Collection<String> names, Object scope) {
    List<String> sorted = names.stream().sorted().toList();
    String shown =
        sorted.stream()
            .limit(MAX_NAMES_SHOWN)
            .map(QuotedText::of)
            .collect(Collectors.joining(", "));
    String more =
        sorted.size() > MAX_NAMES_SHOWN
            ? " and " + (sorted.size() - MAX_NAMES_SHOWN) + " more"
            : "";
    return "dataFrom.find: secrets "
        + shown
        + more
        + " of "
        + scope
        + " all map to key "
        + QuotedText.of(key)
        + " ('/' becomes '_'), so none is synced; narrow nameRegex, or read them with"
        + " separate finds that have different keyPrefix values";
  }
}
