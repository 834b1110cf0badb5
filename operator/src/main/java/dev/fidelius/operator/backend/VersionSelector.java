package dev.fidelius.operator.backend;

import java.util.Objects;

/** Which version of a secret to read. */
public sealed interface VersionSelector {

  /** The newest version (Fidelius store) or the store's configured stage (Secrets Manager). */
  Latest LATEST = new Latest();

  static VersionSelector exact(String versionId) {
    return new Exact(versionId);
  }

  static VersionSelector stage(String label) {
    return new Stage(label);
  }

  /** The newest version, read with strong consistency. */
  record Latest() implements VersionSelector {
    @Override
    public String toString() {
      return "latest";
    }
  }

  /**
   * One immutable version: a Fidelius version number ({@code "3"}; zero padding is optional) or a
   * Secrets Manager version id.
   */
  record Exact(String versionId) implements VersionSelector {
    public Exact {
      Objects.requireNonNull(versionId, "versionId");
      if (versionId.isBlank()) {
        throw new IllegalArgumentException("version must not be blank");
      }
    }

    @Override
    public String toString() {
      return "version " + versionId;
    }
  }

  /** A Secrets Manager staging label such as AWSPREVIOUS. The Fidelius store has no stages. */
  record Stage(String label) implements VersionSelector {
    public Stage {
      Objects.requireNonNull(label, "label");
      if (label.isBlank()) {
        throw new IllegalArgumentException("stage must not be blank");
      }
    }

    @Override
    public String toString() {
      return "stage " + label;
    }
  }
}
