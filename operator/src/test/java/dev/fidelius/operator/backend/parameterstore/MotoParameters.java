package dev.fidelius.operator.backend.parameterstore;

import dev.fidelius.operator.backend.SecretId;
import java.util.List;
import java.util.Locale;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * Arranges parameters in moto the way an AWS user would, with the plain SDK client. Names are
 * spelled out here rather than taken from {@link ParameterNaming}, so that a naming bug cannot hide
 * by writing and reading the same wrong name.
 */
final class MotoParameters {

  private final SsmClient client;

  MotoParameters(SsmClient client) {
    this.client = client;
  }

  /** {@code <prefix>/APP/component/sdlc/short}, or {@code <prefix>/APP/sdlc/short}. */
  static String pathName(String prefix, SecretId id) {
    String application = id.scope().application().toUpperCase(Locale.ROOT);
    String sdlc = id.scope().sdlc().toLowerCase(Locale.ROOT);
    List<String> segments =
        id.scope()
            .componentIfAny()
            .map(c -> List.of(application, c.toLowerCase(Locale.ROOT), sdlc, id.name()))
            .orElse(List.of(application, sdlc, id.name()));
    return prefix + "/" + String.join("/", segments);
  }

  /**
   * Writes a new String version (creating the parameter when needed); returns its version number.
   */
  String put(String name, String value) {
    return put(name, value, ParameterType.STRING, null);
  }

  /** Writes a new version of the given type, a SecureString under {@code kmsKeyId} when given. */
  String put(String name, String value, ParameterType type, String kmsKeyId) {
    return String.valueOf(
        client
            .putParameter(b -> b.name(name).value(value).type(type).keyId(kmsKeyId).overwrite(true))
            .version());
  }

  /** Writes a String in the advanced tier (values up to 8 KB). */
  void putAdvanced(String name, String value) {
    client.putParameter(
        b ->
            b.name(name)
                .value(value)
                .type(ParameterType.STRING)
                .tier(software.amazon.awssdk.services.ssm.model.ParameterTier.ADVANCED)
                .overwrite(true));
  }

  void label(String name, long version, String label) {
    client.labelParameterVersion(b -> b.name(name).parameterVersion(version).labels(label));
  }

  void delete(String name) {
    client.deleteParameter(b -> b.name(name));
  }
}
