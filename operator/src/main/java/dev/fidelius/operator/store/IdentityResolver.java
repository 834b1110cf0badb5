package dev.fidelius.operator.store;

import dev.fidelius.operator.api.AssumeRoleAuth;
import dev.fidelius.operator.api.ServiceAccountRef;
import dev.fidelius.operator.api.StoreAuth;
import dev.fidelius.operator.aws.AwsIdentity;
import dev.fidelius.operator.backend.ErrorKind;
import dev.fidelius.operator.backend.Outcome;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * Decides which AWS identity reads a store for a FideliusSecret. A {@code serviceAccountRef} always
 * names a ServiceAccount of the FideliusSecret's OWN namespace (the reference has no namespace
 * field), so a tenant can never act as another namespace's ServiceAccount.
 *
 * <p>The role a ServiceAccount acts as comes from its {@code eks.amazonaws.com/role-arn}
 * annotation, which the tenant writes. That is safe only because the role's trust policy, not the
 * operator, decides: AWS accepts the token for a role only when the policy's {@code sub} condition
 * names this namespace and ServiceAccount. The operator only checks that the annotation is a role
 * ARN at all.
 */
public final class IdentityResolver {

  public static final String ROLE_ARN_ANNOTATION = "eks.amazonaws.com/role-arn";
  static final String DEFAULT_SESSION_NAME = "fidelius-operator";
  static final String DEFAULT_AUDIENCE = "sts.amazonaws.com";

  /**
   * As the CRD checks assumeRole.roleArn: any partition, a 12-digit account, a role name with its
   * path.
   */
  private static final Pattern ROLE_ARN =
      Pattern.compile("^arn:aws[a-zA-Z-]*:iam::[0-9]{12}:role/[\\w+=,.@/-]+$");

  private final BiFunction<String, String, Optional<Map<String, String>>> serviceAccounts;

  /**
   * @param serviceAccounts the annotations of a ServiceAccount by (namespace, name) (an empty map
   *     when it has none), or empty when no such ServiceAccount exists
   */
  public IdentityResolver(
      BiFunction<String, String, Optional<Map<String, String>>> serviceAccounts) {
    this.serviceAccounts = serviceAccounts;
  }

  public Outcome<AwsIdentity> identityFor(ResolvedStore store, String secretNamespace) {
    StoreAuth auth = store.spec().getAuth();
    if (auth == null || (auth.getAssumeRole() == null && auth.getServiceAccountRef() == null)) {
      return Outcome.ok(new AwsIdentity.Operator());
    }
    if (auth.getAssumeRole() != null) {
      AssumeRoleAuth role = auth.getAssumeRole();
      String session = role.getSessionName() == null ? DEFAULT_SESSION_NAME : role.getSessionName();
      return Outcome.ok(
          new AwsIdentity.AssumedRole(
              role.getRoleArn(),
              role.getExternalId(),
              session,
              Map.of("fidelius-namespace", secretNamespace, "fidelius-store", store.name()),
              store.kind()
                  + "/"
                  + (store.namespace() == null ? "" : store.namespace())
                  + "/"
                  + store.name()));
    }
    ServiceAccountRef ref = auth.getServiceAccountRef();
    Optional<Map<String, String>> sa = serviceAccounts.apply(secretNamespace, ref.getName());
    if (sa.isEmpty()) {
      return Outcome.failed(
          ErrorKind.INVALID_REQUEST,
          store.displayName()
              + " uses serviceAccountRef "
              + ref.getName()
              + ", but no ServiceAccount of that name exists in namespace "
              + secretNamespace);
    }
    Map<String, String> annotations = sa.get();
    String roleArn = annotations == null ? null : annotations.get(ROLE_ARN_ANNOTATION);
    if (roleArn == null || roleArn.isBlank()) {
      return Outcome.failed(
          ErrorKind.INVALID_REQUEST,
          "ServiceAccount "
              + secretNamespace
              + "/"
              + ref.getName()
              + " has no "
              + ROLE_ARN_ANNOTATION
              + " annotation naming the IAM role to act as");
    }
    if (!ROLE_ARN.matcher(roleArn.trim()).matches()) {
      return Outcome.failed(
          ErrorKind.INVALID_REQUEST,
          "ServiceAccount "
              + secretNamespace
              + "/"
              + ref.getName()
              + ": annotation "
              + ROLE_ARN_ANNOTATION
              + " is not an IAM role ARN such as"
              + " arn:aws:iam::111122223333:role/payments-secrets-reader");
    }
    String audience =
        ref.getAudience() == null || ref.getAudience().isBlank()
            ? DEFAULT_AUDIENCE
            : ref.getAudience();
    return Outcome.ok(
        new AwsIdentity.ServiceAccount(secretNamespace, ref.getName(), roleArn.trim(), audience));
  }
}
