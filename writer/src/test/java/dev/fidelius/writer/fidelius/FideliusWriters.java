package dev.fidelius.writer.fidelius;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.operator.backend.Outcome;
import dev.fidelius.operator.backend.SecretId;
import dev.fidelius.operator.backend.fidelius.FideliusTestStore;

/** The writer on an operator test store, as the writer tests use it. */
final class FideliusWriters {

  static final String UPDATED_BY = "FideliusOps/integration-test";

  private FideliusWriters() {}

  static FideliusWriter on(FideliusTestStore store) {
    return new FideliusWriter(store.dynamo(), store.kms(), store.config(), UPDATED_BY);
  }

  /** Writes a version with the writer and returns its id, failing the test on any error. */
  static String write(FideliusTestStore store, SecretId id, String value) {
    Outcome<String> written = on(store).put(id, value);
    assertThat(written.isOk()).as("writing %s: %s", id, written).isTrue();
    return written.value();
  }
}
