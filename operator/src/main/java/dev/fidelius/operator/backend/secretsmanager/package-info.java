/**
 * AWS Secrets Manager as a secret backend.
 *
 * <p>Where the calls go, for N secrets a refresh asks about:
 *
 * <ul>
 *   <li>Change detection ({@link dev.fidelius.operator.backend.secretsmanager.ChangeDetector}):
 *       ListSecrets reports every secret's version-to-stage map, so a page of 100 secrets costs one
 *       call and no value is read; {@link
 *       dev.fidelius.operator.backend.secretsmanager.ListingPlanner} picks scope prefixes, full
 *       names or a single DescribeSecret, whichever costs fewest calls.
 *   <li>Values ({@link dev.fidelius.operator.backend.secretsmanager.ValueReader}): immutable
 *       versions come from the shared value cache, keyed by ARN and version id; the rest is batched
 *       twenty per BatchGetSecretValue when AWSCURRENT can answer it, else read with
 *       GetSecretValue.
 * </ul>
 *
 * So a refresh where 7 of 250 secrets rotated costs 3 ListSecrets calls and 1 BatchGetSecretValue
 * call, where polling each secret costs 250.
 *
 * <p>Every AWS failure becomes a typed {@link dev.fidelius.operator.backend.Outcome} per secret;
 * values never appear in messages or logs.
 */
package dev.fidelius.operator.backend.secretsmanager;
