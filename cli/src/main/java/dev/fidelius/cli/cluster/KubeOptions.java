package dev.fidelius.cli.cluster;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Which cluster: the current kubeconfig context unless told otherwise. */
public final class KubeOptions {

  @Option(
      names = "--kubeconfig",
      paramLabel = "FILE",
      description = "Kubeconfig file (default $KUBECONFIG, " + "else ~/.kube/config).")
  Path kubeconfig;

  @Option(
      names = "--context",
      paramLabel = "CONTEXT",
      description = "Kubeconfig context (default: current).")
  String context;

  public Path kubeconfig() {
    return kubeconfig;
  }

  public String context() {
    return context;
  }
}
