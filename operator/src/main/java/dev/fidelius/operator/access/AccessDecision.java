package dev.fidelius.operator.access;

import java.util.Objects;

/** Whether a store admits a request, and why, in words fit for the FideliusSecret's status. */
public record AccessDecision(boolean allowed, String message) {

  public AccessDecision {
    Objects.requireNonNull(message, "message");
  }

  public static AccessDecision allow(String message) {
    return new AccessDecision(true, message);
  }

  public static AccessDecision deny(String message) {
    return new AccessDecision(false, message);
  }
}
