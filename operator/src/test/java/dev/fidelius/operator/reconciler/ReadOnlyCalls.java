package dev.fidelius.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.operator.aws.AwsCallCounter;
import java.util.Set;

/**
 * The AWS calls an operator may make: reads of the stores, and STS to become a store's identity.
 */
final class ReadOnlyCalls {

  private static final Set<AwsCallCounter.Call> ALLOWED =
      Set.of(
          new AwsCallCounter.Call("dynamodb", "Query"),
          new AwsCallCounter.Call("dynamodb", "GetItem"),
          new AwsCallCounter.Call("dynamodb", "BatchGetItem"),
          new AwsCallCounter.Call("dynamodb", "Scan"),
          new AwsCallCounter.Call("dynamodb", "DescribeTable"),
          new AwsCallCounter.Call("kms", "Decrypt"),
          new AwsCallCounter.Call("secretsmanager", "ListSecrets"),
          new AwsCallCounter.Call("secretsmanager", "BatchGetSecretValue"),
          new AwsCallCounter.Call("secretsmanager", "GetSecretValue"),
          new AwsCallCounter.Call("secretsmanager", "DescribeSecret"),
          new AwsCallCounter.Call("sts", "AssumeRole"),
          new AwsCallCounter.Call("sts", "AssumeRoleWithWebIdentity"));

  private ReadOnlyCalls() {}

  /** Every call the operator made is a read: it never writes to, or deletes from, a store. */
  static void assertOnlyReads(AwsCallCounter calls) {
    assertThat(calls.snapshot().keySet())
        .as("AWS operations the operator called")
        .isSubsetOf(ALLOWED);
  }
}
