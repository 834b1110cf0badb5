package dev.fidelius.operator.target;

/** What happened to the target Secret. */
public record WriteResult(Kind kind, String message) {

  public enum Kind {
    CREATED,
    UPDATED,
    REPLACED,
    UNCHANGED,
    DELETED,
    CONFLICT,
    MISSING_FOR_MERGE
  }

  public boolean changedData() {
    return kind == Kind.CREATED
        || kind == Kind.UPDATED
        || kind == Kind.REPLACED
        || kind == Kind.DELETED;
  }

  public boolean failed() {
    return kind == Kind.CONFLICT || kind == Kind.MISSING_FOR_MERGE;
  }
}
