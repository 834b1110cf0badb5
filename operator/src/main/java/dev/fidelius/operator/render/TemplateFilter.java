package dev.fidelius.operator.render;

import dev.fidelius.operator.backend.StrictUtf8;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The filters a placeholder can pipe a value through ({@code {{ .password | urlquery }}}). Each maps bytes
 * to bytes; the text filters read the value as UTF-8 and refuse anything else. A failing filter throws a
 * {@link TemplateException} that says why without showing the value.
 */
enum TemplateFilter {

  URLQUERY("urlquery") {
    @Override
    byte[] apply(byte[] value) {
      return PercentEncoding.encode(value);
    }
  },
  BASE64("base64") {
    @Override
    byte[] apply(byte[] value) {
      return Base64.getEncoder().encode(value);
    }
  },
  BASE64DECODE("base64decode") {
    @Override
    byte[] apply(byte[] value) {
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
    byte[] apply(byte[] value) {
      // strip(), not trim(): removes Unicode whitespace too, but no other control characters.
      return utf8(text(value).strip());
    }
  },
  UPPER("upper") {
    @Override
    byte[] apply(byte[] value) {
      return utf8(text(value).toUpperCase(Locale.ROOT));
    }
  },
  LOWER("lower") {
    @Override
    byte[] apply(byte[] value) {
      return utf8(text(value).toLowerCase(Locale.ROOT));
    }
  },
  JSON("json") {
    @Override
    byte[] apply(byte[] value) {
      return utf8(JsonStringLiteral.of(text(value)));
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

  abstract byte[] apply(byte[] value);

  /** The filter of that name (names are case-sensitive, as in Go templates). */
  static Optional<TemplateFilter> named(String name) {
    return Arrays.stream(values()).filter(f -> f.filterName.equals(name)).findFirst();
  }

  /** Every filter name, for error messages. */
  static List<String> names() {
    return Arrays.stream(values()).map(TemplateFilter::filterName).toList();
  }

  /**
   * The value as text, or a failure naming this filter. Package-private rather than private because the
   * constant bodies above are subclasses, which cannot call the enum's private instance methods.
   */
  String text(byte[] value) {
    return StrictUtf8.decode(value).orElseThrow(() -> new TemplateException(
        "filter " + filterName + " needs UTF-8 text, but the value is binary (not valid UTF-8)"));
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
