/**
 * The end-to-end and fault-tolerance suite: the packaged operator jar as a separate process, with
 * the environment the Helm chart gives it ({@link dev.fidelius.e2e.support.ChartEnvironment}) and
 * the IRSA identity EKS gives it ({@link dev.fidelius.e2e.support.IrsaIdentity}), against a real
 * API server and moto (DynamoDB, KMS, Secrets Manager, STS, IAM). Each scenario checks that no
 * synced Secret ever loses or blanks its data (a watchdog lists the Secrets several times a second
 * throughout), that every fault shows in the status under its reason, that everything recovers, and
 * that no seeded value reaches a log, an Event or a status.
 *
 * <ul>
 *   <li>{@link dev.fidelius.e2e.faults.IrsaAndRotationIT}: web identity only, credential refresh
 *       before expiry, rotations by the real Fidelius SDK and PutSecretValue restarting each
 *       workload once.
 *   <li>{@link dev.fidelius.e2e.faults.AwsFaultsIT}: throttling and 5xx (a share, then all calls)
 *       through a loopback fault proxy, KMS 5xx, KMS Decrypt denied by IAM, a corrupted item, moto
 *       stopped.
 *   <li>{@link dev.fidelius.e2e.faults.RegionalOutageIT}: a Secrets Manager store with a failover
 *       region, its primary region failing (only the calls signed for it): AccessDenied never fails
 *       over, an outage does and rotations arrive through the replica, a lagging replica never
 *       takes a Secret back, recovery to the primary, a flapping primary bounded by the switch
 *       pace.
 *   <li>{@link dev.fidelius.e2e.faults.ApiServerRestartIT}, {@link
 *       dev.fidelius.e2e.faults.OperatorCrashIT}, {@link dev.fidelius.e2e.faults.LeaderFailoverIT}:
 *       the API server crashing mid-sync, the operator SIGKILLed mid-reconcile, the leader of two
 *       replicas SIGKILLed.
 *   <li>{@link dev.fidelius.e2e.faults.BadInputIT}: 50 invalid manifests through the real kubectl.
 *   <li>{@link dev.fidelius.e2e.faults.HostileTenantIT}: a hostile tenant's resources and 300
 *       labelled 1 MiB Secrets against the jar with the chart's JVM flags and heap, while another
 *       tenant keeps rotating.
 * </ul>
 *
 * <p>{@link dev.fidelius.e2e.faults.SuiteReport} prints the summary table at the end of the run and
 * writes it to {@code e2e/target/e2e-faults/summary.md}; operator logs of every process are kept
 * next to it. Run only this suite with {@code mvn -B verify -pl operator,e2e -Dtest=NoUnit
 * -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false
 * -Dit.test='dev.fidelius.e2e.faults.*IT'}.
 */
package dev.fidelius.e2e.faults;
