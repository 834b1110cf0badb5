package dev.fidelius.e2e.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * IAM in moto, used to make KMS refuse for real. moto does not refuse Decrypt on a disabled key
 * (its Decrypt ignores the key state), but it does evaluate IAM policies once told to authenticate
 * requests ({@code POST /moto-api/reset-auth}): then every request must be signed by a known
 * principal and is checked against that principal's policies, as AWS does. The operator's role gets
 * an allow-all policy; a deny on {@code kms:Decrypt} is the fault, and deleting it clears the
 * fault.
 */
public final class MotoIam implements AutoCloseable {

  private static final String ALLOW_ALL =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}";
  private static final String DENY_DECRYPT =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"kms:Decrypt\",\"Resource\":\"*\"}]}";

  private final URI moto;
  private final String roleName;
  private final IamClient admin;
  private final StaticCredentialsProvider writer;

  private MotoIam(URI moto, String roleName, IamClient admin, StaticCredentialsProvider writer) {
    this.moto = moto;
    this.roleName = roleName;
    this.admin = admin;
    this.writer = writer;
  }

  /**
   * Creates the operator's role (allow all) and a writer user for the test's own writes (allow
   * all), while moto does not authenticate yet.
   */
  public static MotoIam setUp(URI moto, String roleArn) {
    String roleName = roleArn.substring(roleArn.lastIndexOf('/') + 1);
    IamClient bootstrap =
        client(
            moto,
            StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")));
    bootstrap.createRole(
        b ->
            b.roleName(roleName)
                .assumeRolePolicyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\"*\"},"
                        + "\"Action\":\"sts:AssumeRoleWithWebIdentity\"}]}"));
    bootstrap.putRolePolicy(
        b -> b.roleName(roleName).policyName("fidelius-reader").policyDocument(ALLOW_ALL));
    bootstrap.createUser(b -> b.userName("e2e-writer"));
    bootstrap.putUserPolicy(
        b -> b.userName("e2e-writer").policyName("admin").policyDocument(ALLOW_ALL));
    var key = bootstrap.createAccessKey(b -> b.userName("e2e-writer")).accessKey();
    StaticCredentialsProvider writer =
        StaticCredentialsProvider.create(
            AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey()));
    bootstrap.close();
    return new MotoIam(moto, roleName, client(moto, writer), writer);
  }

  private static IamClient client(URI endpoint, StaticCredentialsProvider credentials) {
    return IamClient.builder()
        .region(Region.AWS_GLOBAL)
        .endpointOverride(endpoint)
        .credentialsProvider(credentials)
        .httpClient(ApacheHttpClient.builder().build())
        .build();
  }

  /**
   * Credentials of a user allowed everything: for the test's own writes while moto authenticates.
   */
  public StaticCredentialsProvider writerCredentials() {
    return writer;
  }

  /** From now on moto authenticates and authorizes every request. */
  public void enforce() {
    resetAuth("0");
  }

  /** Back to moto's default: no authentication. */
  public void relax() {
    resetAuth("inf");
  }

  public void denyDecrypt() {
    admin.putRolePolicy(
        b -> b.roleName(roleName).policyName("deny-decrypt").policyDocument(DENY_DECRYPT));
  }

  public void allowDecrypt() {
    admin.deleteRolePolicy(b -> b.roleName(roleName).policyName("deny-decrypt"));
  }

  /** Denies the operator's role one action (such as {@code sqs:ReceiveMessage}) on everything. */
  public void deny(String action) {
    admin.putRolePolicy(
        b ->
            b.roleName(roleName)
                .policyName(denyPolicyName(action))
                .policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\""
                        + action
                        + "\",\"Resource\":\"*\"}]}"));
  }

  /** Lifts a {@link #deny}. */
  public void allow(String action) {
    admin.deleteRolePolicy(b -> b.roleName(roleName).policyName(denyPolicyName(action)));
  }

  private static String denyPolicyName(String action) {
    return "deny-" + action.replace(':', '-');
  }

  private void resetAuth(String count) {
    try {
      HttpResponse<String> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(moto.resolve("/moto-api/reset-auth"))
                      .POST(HttpRequest.BodyPublishers.ofString(count))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new IllegalStateException("moto reset-auth answered " + r.statusCode());
      }
    } catch (IOException e) {
      throw new IllegalStateException("moto reset-auth failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    admin.close();
  }
}
