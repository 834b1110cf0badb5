/**
 * Everything the e2e tests, the fault scenarios and the benchmark share; nothing here asserts a
 * scenario.
 *
 * <ul>
 *   <li>{@link dev.fidelius.e2e.support.OperatorProcess} (started through {@link
 *       dev.fidelius.e2e.support.OperatorLaunch}): the packaged jar as its own process, its probes,
 *       metrics, log, SIGTERM and SIGKILL. The only way any test runs the jar.
 *   <li>{@link dev.fidelius.e2e.support.Cluster}: the API server as its administrator sees it
 *       (CRDs, manifests, namespaces, workloads, status, Secrets, restarts).
 *   <li>{@link dev.fidelius.e2e.support.Await}: every wait, polled with a deadline. A check that
 *       something did <em>not</em> happen waits for the operator to prove it looked first: {@link
 *       dev.fidelius.e2e.support.OperatorProcess#awaitMoreUnchangedSyncs(int)}.
 *   <li>Tables: {@link dev.fidelius.operator.testsupport.FideliusTables} (from the operator's test
 *       jar).
 *   <li>{@link dev.fidelius.e2e.support.E2eWorld}: the servers the fault scenarios share (a
 *       restartable API server and moto), with {@link dev.fidelius.e2e.support.ChartEnvironment}
 *       and {@link dev.fidelius.e2e.support.IrsaIdentity} to start an operator as the chart and EKS
 *       would.
 * </ul>
 *
 * <p>A new fault scenario is one {@code *IT} class in {@code dev.fidelius.e2e.faults}: take {@code
 * E2eWorld.get()}, a namespace of its own, a {@code Fleet} (or stores and FideliusSecrets of its
 * own) and {@code world.startOperator(...)}; record what it injected with a {@code ScenarioLedger}
 * (whose {@code SecretWatchdog} checks no Secret ever loses data) and add
 * {@code @ExtendWith(SuiteReport.class)} so that it appears in {@code
 * e2e/target/e2e-faults/summary.md}.
 */
package dev.fidelius.e2e.support;
