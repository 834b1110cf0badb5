package dev.fidelius.operator.sync;

import dev.fidelius.operator.api.FideliusSecretSpec;
import java.util.Optional;

/**
 * One rule about a FideliusSecret spec beyond what the CRD schema says, answered without I/O: a
 * problem (a sentence naming the field, for an InvalidSpec status) or none. New rules are one line
 * in {@code SyncValidator}'s list of checks.
 */
@FunctionalInterface
public interface SpecCheck {

  Optional<String> problem(FideliusSecretSpec spec);
}
