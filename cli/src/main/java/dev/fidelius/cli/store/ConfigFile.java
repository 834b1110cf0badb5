package dev.fidelius.cli.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.fidelius.cli.CliFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The small config file for stores used without a cluster:
 *
 * <pre>
 * defaultStore: dev
 * stores:
 *   dev:
 *     provider: fidelius          # or secretsmanager, parameterstore, s3
 *     region: us-east-1
 *     table: credential-store     # fidelius only
 *     kmsKeyId: alias/credstash   # the key new versions are encrypted under (not secretsmanager)
 *     naming: fullName            # secretsmanager only: fullName or path
 *     prefix: /fidelius           # parameterstore (a path) or s3 (a key prefix)
 *     bucket: example-secrets     # s3 only
 *     encryption: KmsEnvelope     # s3 only: KmsEnvelope or ServerSide
 *     encryptionContext: Fidelius # s3 KmsEnvelope only: None or Fidelius
 *     endpointUrl: http://localhost:5000
 *     profile: dev
 *     roleArn: arn:aws:iam::111111111111:role/FideliusDev
 * </pre>
 *
 * Found at {@code --config}, {@code $FIDELIUS_CONFIG}, or {@code ~/.config/fidelius/config.yaml}.
 */
final class ConfigFile {

  /** One store entry; every field optional, flags override them. */
  record Entry(String name, Map<String, String> fields) {
    String get(String field) {
      return fields.get(field);
    }
  }

  private final Path path;
  private final Map<String, Entry> stores;
  private final String defaultStore;

  private ConfigFile(Path path, Map<String, Entry> stores, String defaultStore) {
    this.path = path;
    this.stores = stores;
    this.defaultStore = defaultStore;
  }

  static ConfigFile load(Path explicit) {
    Path file = explicit != null ? explicit : defaultPath();
    if (file == null || !Files.isRegularFile(file)) {
      if (explicit != null) {
        throw CliFailure.usage("config file " + explicit + " does not exist");
      }
      return new ConfigFile(file, Map.of(), null);
    }
    try {
      Map<?, ?> root = new ObjectMapper(new YAMLFactory()).readValue(file.toFile(), Map.class);
      Map<String, Entry> entries = new LinkedHashMap<>();
      if (root != null && root.get("stores") instanceof Map<?, ?> stores) {
        stores.forEach(
            (name, fields) ->
                entries.put(
                    String.valueOf(name), new Entry(String.valueOf(name), stringsOf(fields))));
      }
      Object defaultStore = root == null ? null : root.get("defaultStore");
      return new ConfigFile(
          file, entries, defaultStore == null ? null : String.valueOf(defaultStore));
    } catch (IOException e) {
      throw CliFailure.usage(
          "cannot read config file "
              + file
              + ": "
              + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
    }
  }

  private static Map<String, String> stringsOf(Object fields) {
    Map<String, String> strings = new LinkedHashMap<>();
    if (fields instanceof Map<?, ?> map) {
      map.forEach(
          (k, v) -> {
            if (v != null) {
              strings.put(String.valueOf(k), String.valueOf(v));
            }
          });
    }
    return strings;
  }

  private static Path defaultPath() {
    String env = System.getenv("FIDELIUS_CONFIG");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    String xdg = System.getenv("XDG_CONFIG_HOME");
    if (xdg != null && !xdg.isBlank()) {
      return Path.of(xdg, "fidelius", "config.yaml");
    }
    String home = System.getProperty("user.home");
    return home == null ? null : Path.of(home, ".config", "fidelius", "config.yaml");
  }

  Optional<Entry> store(String name) {
    return Optional.ofNullable(stores.get(name));
  }

  Optional<Entry> defaultEntry() {
    return defaultStore == null ? Optional.empty() : store(defaultStore);
  }

  String describe(Entry entry) {
    return "store \"" + entry.name() + "\" of " + path;
  }
}
