package dev.fidelius.operator.render;

import dev.fidelius.operator.api.MergePolicy;
import dev.fidelius.operator.api.SecretTemplate;
import dev.fidelius.operator.backend.ErrorKind;
import dev.fidelius.operator.backend.Outcome;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Builds the data of the target Secret from the synced keys and the target's template, and checks
 * that the API server will accept it (every key valid, total size within the limit).
 *
 * <p>Templates read the synced keys only (not each other's output), whatever the merge policy. With
 * {@link MergePolicy#Merge} (also when the policy is null) the result holds the synced keys plus
 * the template keys, a template key replacing a synced key of the same name; with {@link
 * MergePolicy#Replace} it holds the template keys only. Without a template the result is a copy of
 * the synced keys, still checked. The checks run in a fixed order and the first problem is
 * returned: target keys (sorted), then the size of the synced keys kept, then templates (sorted by
 * target key), each rendered only into the room the Secret has left (see {@link RenderBudget}),
 * then total size.
 */
public final class SecretDataComposer {

  private SecretDataComposer() {}

  /**
   * The target Secret's data: a new sorted map with copied values, or an INVALID_REQUEST outcome.
   * Neither argument is modified. A null {@code synced} counts as empty; values must not be null.
   */
  public static Outcome<Map<String, byte[]>> compose(
      Map<String, byte[]> synced, SecretTemplate template) {
    Map<String, byte[]> source = synced == null ? Map.of() : synced;
    Map<String, String> templates =
        template == null || template.getData() == null ? Map.of() : template.getData();
    boolean keepSynced = template == null || template.getMergePolicy() != MergePolicy.Replace;

    SortedSet<String> targetKeys = new TreeSet<>(templates.keySet());
    if (keepSynced) {
      targetKeys.addAll(source.keySet());
    }
    for (String key : targetKeys) {
      Optional<String> problem = SecretKeys.problem(key);
      if (problem.isPresent()) {
        return invalid("target " + problem.get());
      }
    }

    if (templates.size() > RenderLimits.MAX_TEMPLATE_KEYS) {
      return invalid(
          "spec.target.template.data has "
              + templates.size()
              + " keys; at most "
              + RenderLimits.MAX_TEMPLATE_KEYS
              + " are allowed");
    }
    TreeMap<String, byte[]> result = new TreeMap<>();
    if (keepSynced) {
      source.forEach(
          (key, value) -> {
            if (!templates.containsKey(key)) {
              result.put(key, value.clone());
            }
          });
    }
    Optional<String> syncedTooLarge = SecretSizeLimit.problem(result);
    if (syncedTooLarge.isPresent()) {
      return invalid(syncedTooLarge.get());
    }
    RenderBudget budget =
        new RenderBudget(SecretSizeLimit.DATA_LIMIT_BYTES - SecretSizeLimit.totalBytes(result));
    for (Map.Entry<String, String> entry : new TreeMap<>(templates).entrySet()) {
      // Keys were checked above: ASCII only, one byte a character.
      if (entry.getKey().length() > budget.remaining()) {
        return invalid(
            "spec.target.template.data["
                + QuotedText.of(entry.getKey())
                + "]: the key does not fit"
                + " under the Secret size limit of "
                + SecretSizeLimit.DATA_LIMIT_BYTES
                + " bytes");
      }
      budget.spend(entry.getKey().length(), "target key");
      Outcome<byte[]> rendered = SecretTemplateEngine.render(entry.getValue(), source, budget);
      if (!rendered.isOk()) {
        return invalid(
            "spec.target.template.data["
                + QuotedText.of(entry.getKey())
                + "]: "
                + rendered.error().message());
      }
      result.put(entry.getKey(), rendered.value());
    }

    Optional<String> sizeProblem = SecretSizeLimit.problem(result);
    if (sizeProblem.isPresent()) {
      return invalid(sizeProblem.get());
    }
    return Outcome.ok(result);
  }

  private static Outcome<Map<String, byte[]>> invalid(String message) {
    return Outcome.failed(ErrorKind.INVALID_REQUEST, message);
  }
}
