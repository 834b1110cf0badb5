package dev.fidelius.operator.render;

import dev.fidelius.operator.backend.StrictUtf8;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The filters a placeholder can pipe a value through ({@code {{ .password | urlquery }}}). Each
 * maps bytes to bytes; the text filters read the value as UTF-8 and refuse anything else. A failing
 * filter throws a {@link TemplateException} that says why without showing the value.
 *
 * <p>Every filter that can grow its input computes the size of its output first and asks the {@link
 * RenderBudget} before allocating it, so a chain such as {@code "x" | base64 | base64 | ...} stops
 * at the Secret size limit instead of filling the heap.
 */
enum TemplateFilter {
  URLQUERY("urlquery") {
    @Override
    byte[] apply(byte[] value, RenderBudget budget) {
      budget.check(PercentEncoding.encodedLength(value), "filter urlquery");
      return PercentEncoding.encode(value);
    }
  },
  BASE64("base64") {
    @Override
    byte[] apply(byte[] value, RenderBudget budget) {
      budget.check(4 * ((value.length + 2L) / 3), "filter base64");
      return Base64.getEncoder().encode(value);
    }
  },
  BASE64DECODE("base64decode") {
    @Override
    byte[] apply(byte[] value, RenderBudget budget) {
      // The output is shorter than the input, which was within the budget already.
      try {
        return Base64.getDecoder().decode(value);
      } catch (IllegalArgumentException e) {
        // The JDK's message quotes the offending character, which is part of the value: drop it.
        throw new TemplateException("filter base64decode: the value is not valid standard base64");
      }
    }
  },
  TRIM("trim") {
    @Override
    byte[] apply(byte[] value, RenderBudget budget) {
      // strip(), not trim(): removes Unicode whitespace too, but no other control characters. Never
      // grows.
      return utf8(text(value).strip(), budget, this);
    }
  },
  UPPER("upper") {
    @Override
    byte[] apply(byte[] value, RenderBudget budget) {
      // Case mapping can lengthen text a little (German sharp s becomes SS): the result is checked
      // before
      // it is encoded; the String in between is at most a few times the input, which fits the
      // budget.
      return utf8(CaseMapping.upper(text(value)), budget, this);
    }
  },
  LOWER("lower") {
    @Override
    byte[] apply(byte[] value, RenderBudget budget) {
      return utf8(CaseMapping.lower(text(value)), budget, this);
    }
  },
  JSON("json") {
    @Override
    byte[] apply(byte[] value, RenderBudget budget) {
      budget.check(JsonStringLiteral.encodedLength(value), "filter json");
      return JsonStringLiteral.of(text(value)).getBytes(StandardCharsets.UTF_8);
    }
  };

  private final String filterName;

  TemplateFilter(String filterName) {
    this.filterName = filterName;
  }

  /** The name used in templates. */
  String filterName() {
    return filterName;
  }

  /**
   * The filtered value; refuses (before allocating it) an output that {@code budget} has no room
   * for.
   */
  abstract byte[] apply(byte[] value, RenderBudget budget);

  /** The filter of that name (names are case-sensitive, as in Go templates). */
  static Optional<TemplateFilter> named(String name) {
    return Arrays.stream(values()).filter(f -> f.filterName.equals(name)).findFirst();
  }

  /** Every filter name, for error messages. */
  static List<String> names() {
    return Arrays.stream(values()).map(TemplateFilter::filterName).toList();
  }

  /**
   * The value as text, or a failure naming this filter. Package-private rather than private because
   * the constant bodies above are subclasses, which cannot call the enum's private instance
   * methods.
   */
  String text(byte[] value) {
    return StrictUtf8.decode(value)
        .orElseThrow(
            () ->
                new TemplateException(
                    "filter "
                        + filterName
                        + " needs UTF-8 text, but the value is binary (not valid UTF-8)"));
  }

  private static byte[] utf8(String text, RenderBudget budget, TemplateFilter filter) {
    budget.check(Utf8Length.of(text), "filter " + filter.filterName);
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
