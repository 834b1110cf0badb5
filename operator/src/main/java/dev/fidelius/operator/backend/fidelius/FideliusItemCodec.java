package dev.fidelius.operator.backend.fidelius;

import dev.fidelius.operator.backend.ErrorKind;
import dev.fidelius.operator.backend.Outcome;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Maps a DynamoDB item to a {@link FideliusItem} and back, byte for byte as Fidelius and credstash
 * store it. Decoding is strict where a mistake could mean reading the wrong bytes (types, base64,
 * hex, lengths) and lenient where it cannot (optional metadata such as {@code updatedOn}). Every
 * rejection is a typed error naming the item and the attribute, never its content.
 */
public final class FideliusItemCodec {

  public static final String NAME = "name";
  public static final String VERSION = "version";
  static final String KEY = "key";
  static final String CONTENTS = "contents";
  static final String HMAC = "hmac";
  static final String DIGEST = "digest";
  public static final String UPDATED_BY = "updatedBy";
  public static final String UPDATED_ON = "updatedOn";
  static final String SDLC = "sdlc";
  static final String COMPONENT = "component";

  /** DynamoDB refuses items over 400 KB, so anything larger did not come from a DynamoDB table. */
  static final int MAX_ITEM_BYTES = 400 * 1024;

  /**
   * A KMS ciphertext holds the 64-byte data key plus at least an authentication tag, so a shorter
   * blob cannot be one; rejecting it here saves a KMS call that could only fail.
   */
  static final int MIN_WRAPPED_KEY_BYTES = DataKey.BYTES + 1;

  private static final String SUPPORTED_DIGEST = "SHA256";
  private static final int HMAC_HEX_CHARS = 2 * FideliusCrypto.HMAC_BYTES;

  private FideliusItemCodec() {}

  static Outcome<FideliusItem> decode(Map<String, AttributeValue> item) {
    String name = stringOrNull(item.get(NAME));
    String rawVersion = stringOrNull(item.get(VERSION));
    if (name == null) {
      return malformed("an item of the table", "has no string name");
    }
    if (rawVersion == null) {
      return malformed(name, "has no string version");
    }
    if (FideliusNames.isMetadataName(name)) {
      return malformed(
          name,
          "is a Fidelius metadata record (" + FideliusNames.METADATA_PREFIX + "), not a secret");
    }
    var version = FideliusVersion.fromPadded(rawVersion);
    if (version.isEmpty()) {
      return malformed(name, "has version '" + rawVersion + "', not a 19-digit version number");
    }
    String secret = name + " " + version.get();

    long size = approximateSize(item);
    if (size > MAX_ITEM_BYTES) {
      return malformed(secret, "is " + size + " bytes, over DynamoDB's 400 KB item limit");
    }
    AttributeValue digest = item.get(DIGEST);
    if (digest != null) {
      if (digest.s() == null) {
        return malformed(secret, "has a digest attribute that is not a string");
      }
      if (!digest.s().toUpperCase(Locale.ROOT).equals(SUPPORTED_DIGEST)) {
        return Outcome.failed(
            ErrorKind.UNSUPPORTED,
            secret
                + " uses the HMAC digest "
                + digest.s()
                + "; only "
                + SUPPORTED_DIGEST
                + " (what Fidelius and credstash write by default) is supported");
      }
    }

    Outcome<byte[]> wrappedKey = base64(secret, KEY, item.get(KEY));
    if (!wrappedKey.isOk()) {
      return Outcome.failed(wrappedKey.error());
    }
    if (wrappedKey.value().length < MIN_WRAPPED_KEY_BYTES) {
      return malformed(
          secret,
          "has a key blob of "
              + wrappedKey.value().length
              + " bytes, too short to be a KMS ciphertext of a data key");
    }
    Outcome<byte[]> ciphertext = base64(secret, CONTENTS, item.get(CONTENTS));
    if (!ciphertext.isOk()) {
      return Outcome.failed(ciphertext.error());
    }
    Outcome<byte[]> hmac = hmac(secret, item.get(HMAC));
    if (!hmac.isOk()) {
      return Outcome.failed(hmac.error());
    }

    String sdlc = stringOrNull(item.get(SDLC));
    String component = stringOrNull(item.get(COMPONENT));
    return Outcome.ok(
        new FideliusItem(
            name,
            version.get(),
            wrappedKey.value(),
            ciphertext.value(),
            hmac.value(),
            stringOrNull(item.get(UPDATED_BY)),
            parseUpdatedOn(stringOrNull(item.get(UPDATED_ON))),
            sdlc == null || sdlc.isEmpty() ? null : FideliusNames.lowerAscii(sdlc),
            component == null || component.isEmpty() ? null : FideliusNames.lowerAscii(component)));
  }

  /**
   * The item as Fidelius writes it: {@code hmac} as a lower-case hex string, {@code sdlc} always,
   * {@code component} only when there is one, no {@code digest} (SHA256 is the default).
   */
  public static Map<String, AttributeValue> encode(FideliusItem item) {
    Map<String, AttributeValue> attributes = new LinkedHashMap<>();
    attributes.put(NAME, AttributeValue.fromS(item.fullName()));
    attributes.put(VERSION, AttributeValue.fromS(item.version().padded()));
    attributes.put(
        KEY, AttributeValue.fromS(Base64.getEncoder().encodeToString(item.wrappedKey())));
    attributes.put(
        CONTENTS, AttributeValue.fromS(Base64.getEncoder().encodeToString(item.ciphertext())));
    attributes.put(HMAC, AttributeValue.fromS(HexFormat.of().formatHex(item.hmac())));
    if (item.updatedBy() != null) {
      attributes.put(UPDATED_BY, AttributeValue.fromS(item.updatedBy()));
    }
    if (item.updatedOn() != null) {
      attributes.put(UPDATED_ON, AttributeValue.fromS(formatInstant(item.updatedOn())));
    }
    if (item.sdlc() != null) {
      attributes.put(SDLC, AttributeValue.fromS(item.sdlc()));
    }
    if (item.component() != null) {
      attributes.put(COMPONENT, AttributeValue.fromS(item.component()));
    }
    return attributes;
  }

  /** ISO-8601 in UTC with microseconds at most, like {@code 2023-10-19T14:55:41.123456Z}. */
  static String formatInstant(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.MICROS));
  }

  private static Outcome<byte[]> base64(String secret, String attribute, AttributeValue value) {
    if (value == null) {
      return malformed(secret, "has no " + attribute + " attribute");
    }
    if (value.s() == null) {
      return malformed(
          secret,
          "has a "
              + attribute
              + " attribute of type "
              + typeOf(value)
              + " where Fidelius stores a base64 string (S)");
    }
    try {
      return Outcome.ok(Base64.getDecoder().decode(value.s()));
    } catch (IllegalArgumentException e) {
      return malformed(secret, "has a " + attribute + " attribute that is not standard base64");
    }
  }

  /** S or B (credstash under Python 3 stores the same ASCII hex as bytes), upper or lower case. */
  private static Outcome<byte[]> hmac(String secret, AttributeValue value) {
    if (value == null) {
      return malformed(secret, "has no hmac attribute");
    }
    String hex;
    if (value.s() != null) {
      hex = value.s();
    } else if (value.b() != null) {
      hex = new String(value.b().asByteArray(), StandardCharsets.ISO_8859_1);
    } else {
      return malformed(
          secret,
          "has an hmac attribute of type "
              + typeOf(value)
              + " where a hex string (S or B) belongs");
    }
    if (hex.length() != HMAC_HEX_CHARS) {
      return malformed(
          secret,
          "has an hmac of "
              + hex.length()
              + " characters; HMAC-SHA256 in hex has "
              + HMAC_HEX_CHARS);
    }
    try {
      return Outcome.ok(HexFormat.of().parseHex(hex));
    } catch (IllegalArgumentException e) {
      return malformed(secret, "has an hmac that is not hexadecimal");
    }
  }

  private static String stringOrNull(AttributeValue value) {
    return value == null ? null : value.s();
  }

  /**
   * Timestamps only inform status and history, so an unreadable one is dropped rather than fatal.
   */
  public static Instant parseUpdatedOn(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException notAnInstant) {
      try {
        return OffsetDateTime.parse(text).toInstant();
      } catch (DateTimeParseException unreadable) {
        return null;
      }
    }
  }

  private static long approximateSize(Map<String, AttributeValue> item) {
    long size = 0;
    for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
      size += attribute.getKey().length();
      AttributeValue v = attribute.getValue();
      if (v.s() != null) {
        size += v.s().length();
      } else if (v.b() != null) {
        size += v.b().asByteArrayUnsafe().length;
      } else if (v.n() != null) {
        size += v.n().length();
      }
    }
    return size;
  }

  private static String typeOf(AttributeValue value) {
    return switch (value.type()) {
      case S -> "S";
      case N -> "N";
      case B -> "B";
      case SS -> "SS";
      case NS -> "NS";
      case BS -> "BS";
      case M -> "M";
      case L -> "L";
      case BOOL -> "BOOL";
      case NUL -> "NULL";
      default -> "unknown";
    };
  }

  private static <T> Outcome<T> malformed(String secret, String problem) {
    return Outcome.failed(ErrorKind.MALFORMED, secret + " " + problem);
  }
}
