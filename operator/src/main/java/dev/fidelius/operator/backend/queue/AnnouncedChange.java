package dev.fidelius.operator.backend.queue;

/**
 * One name an event announced a change of: a trigger, never data.
 *
 * @param service {@code secretsmanager}, {@code ssm} or {@code s3}
 * @param name the name or ARN of a secret or parameter, or {@code bucket/key} of an object
 */
public record AnnouncedChange(String service, String name) {}
