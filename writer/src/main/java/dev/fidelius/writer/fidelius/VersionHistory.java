package dev.fidelius.writer.fidelius;

import dev.fidelius.operator.backend.ErrorKind;
import dev.fidelius.operator.backend.Outcome;
import dev.fidelius.operator.backend.SecretId;
import dev.fidelius.operator.backend.fidelius.CallGuard;
import dev.fidelius.operator.backend.fidelius.ComponentFallback;
import dev.fidelius.operator.backend.fidelius.FideliusItemCodec;
import dev.fidelius.operator.backend.fidelius.FideliusName;
import dev.fidelius.operator.backend.fidelius.FideliusNames;
import dev.fidelius.operator.backend.fidelius.FideliusStoreConfig;
import dev.fidelius.operator.backend.fidelius.FideliusVersion;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Every numbered version of a secret with its writer and time, newest first, over as many pages as
 * it takes; no value is read. Looks up without the component when the store falls back, as reads
 * do.
 */
public final class VersionHistory {

  private final FideliusTableWrites table;
  private final FideliusNames names;
  private final ComponentFallback fallback;

  VersionHistory(FideliusTableWrites table, FideliusNames names, ComponentFallback fallback) {
    this.table = table;
    this.names = names;
    this.fallback = fallback;
  }

  /** The history of a store's secrets, read with the client's identity. */
  public static VersionHistory on(DynamoDbClient dynamo, FideliusStoreConfig config) {
    return new VersionHistory(
        new FideliusTableWrites(dynamo, config.table()),
        new FideliusNames(config.contextKeys()),
        new ComponentFallback(config.componentFallback()));
  }

  public Outcome<List<VersionHistoryEntry>> of(SecretId id) {
    if (FideliusNames.isMetadataName(names.nameOf(id.scope(), id.name()).application() + ".")) {
      return Outcome.failed(
          ErrorKind.INVALID_REQUEST,
          id
              + ": names starting with "
              + FideliusNames.METADATA_PREFIX
              + " are Fidelius metadata records, not secrets");
    }
    return CallGuard.run(
        "History of " + id,
        () -> fallback.lookup(id.scope(), scope -> historyOf(names.nameOf(scope, id.name()))));
  }

  private Outcome<List<VersionHistoryEntry>> historyOf(FideliusName name) {
    Outcome<List<Map<String, AttributeValue>>> rows =
        CallGuard.run(
            "Query for the versions of " + name + " in table " + table.name(),
            () -> Outcome.ok(table.history(name.fullName())));
    if (!rows.isOk()) {
      return Outcome.failed(rows.error());
    }
    List<VersionHistoryEntry> entries = new ArrayList<>();
    for (Map<String, AttributeValue> row : rows.value()) {
      // Numbered versions that are not 19 digits cannot be addressed as Fidelius versions; leave
      // them out.
      Optional<FideliusVersion> version =
          FideliusVersion.fromPadded(text(row, FideliusItemCodec.VERSION));
      version.ifPresent(
          v ->
              entries.add(
                  new VersionHistoryEntry(
                      v.id(),
                      text(row, FideliusItemCodec.UPDATED_BY),
                      FideliusItemCodec.parseUpdatedOn(text(row, FideliusItemCodec.UPDATED_ON)))));
    }
    if (entries.isEmpty()) {
      return Outcome.failed(ErrorKind.NOT_FOUND, name + " does not exist in table " + table.name());
    }
    entries.sort(
        Comparator.comparing((VersionHistoryEntry e) -> Long.parseLong(e.version())).reversed());
    return Outcome.ok(List.copyOf(entries));
  }

  private static String text(Map<String, AttributeValue> row, String attribute) {
    AttributeValue value = row.get(attribute);
    return value == null ? null : value.s();
  }
}
