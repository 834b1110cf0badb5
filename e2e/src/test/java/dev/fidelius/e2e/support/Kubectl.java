package dev.fidelius.e2e.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real kubectl (built with the API server by the provisioning script), with the run's
 * kubeconfig.
 */
public final class Kubectl {

  /** Exit code and output of one kubectl run. */
  public record Result(int exitCode, String stdout, String stderr) {
    public String output() {
      return (stdout + "\n" + stderr).trim();
    }
  }

  private final Path binary;
  private final Path kubeconfig;

  public Kubectl(Path binary, Path kubeconfig) {
    this.binary = binary;
    this.kubeconfig = kubeconfig;
  }

  /** {@code kubectl apply -f <file>}. */
  public Result apply(Path manifest) {
    return run("apply", "-f", manifest.toString());
  }

  public Result run(String... args) {
    List<String> command =
        new ArrayList<>(List.of(binary.toString(), "--kubeconfig", kubeconfig.toString()));
    command.addAll(List.of(args));
    try {
      Path stderrFile = Files.createTempFile("kubectl", ".err");
      try {
        Process p = new ProcessBuilder(command).redirectError(stderrFile.toFile()).start();
        var stdout = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          throw new IllegalStateException("kubectl did not finish: " + String.join(" ", args));
        }
        return new Result(
            p.exitValue(),
            new String(stdout, StandardCharsets.UTF_8),
            Files.readString(stderrFile, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(stderrFile);
      }
    } catch (IOException e) {
      throw new IllegalStateException("could not run kubectl", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
