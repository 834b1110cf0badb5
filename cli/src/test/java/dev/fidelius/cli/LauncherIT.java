package dev.fidelius.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.operator.testsupport.KubeApiServer;
import dev.fidelius.operator.testsupport.TestServers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar through the launcher script, as a user runs it: {@code fidelius}, and {@code
 * kubectl fidelius} with the real kubectl finding the script on the PATH as {@code
 * kubectl-fidelius}.
 */
@ExtendWith(TestServers.class)
class LauncherIT {

  private static final Path LAUNCHER =
      Path.of(System.getProperty("fidelius.cli.launcher", "fidelius"));

  @TempDir Path dir;

  record Run(int exit, String out, String err) {}

  @Test
  void theLauncherRunsTheJarWithHelpVersionAndExitCodes() throws Exception {
    Run help = run(List.of(LAUNCHER.toString(), "--help"), Map.of());
    Run version = run(List.of(LAUNCHER.toString(), "--version"), Map.of());
    Run usage = run(List.of(LAUNCHER.toString(), "get"), Map.of());

    assertThat(help.exit()).isZero();
    assertThat(help.out()).contains("Commands:", "put", "diff", "why", "Exit codes: 0 ok");
    assertThat(version.out()).startsWith("fidelius ");
    assertThat(usage.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(usage.err()).contains("Missing required");
  }

  @Test
  void completionScriptIsGenerated() throws Exception {
    Run completion = run(List.of(LAUNCHER.toString(), "generate-completion"), Map.of());

    assertThat(completion.exit()).isZero();
    assertThat(completion.out()).contains("complete -F", "fidelius", "diff", "--from-sdlc");
  }

  @Test
  void kubectlRunsItAsAPluginAgainstTheCluster(KubeApiServer server) throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Files.createSymbolicLink(bin.resolve("kubectl-fidelius"), LAUNCHER.toAbsolutePath());
    Path kubeconfig = server.writeKubeconfig(dir.resolve("kubeconfig"));
    try (var kube = server.newClient()) {
      Crds.install(kube);
    }
    Path kubectl;
    try (var versions = Files.list(KubeApiServer.binaryRoot())) {
      kubectl =
          versions
              .map(v -> v.resolve("kubectl"))
              .filter(Files::isExecutable)
              .findFirst()
              .orElseThrow();
    }
    Map<String, String> env =
        Map.of("PATH", bin + ":" + System.getenv("PATH"), "KUBECONFIG", kubeconfig.toString());

    Run plugins = run(List.of(kubectl.toString(), "plugin", "list"), env);
    Run status = run(List.of(kubectl.toString(), "fidelius", "status", "-A"), env);

    assertThat(plugins.out()).contains("kubectl-fidelius");
    assertThat(status.exit()).as(status.err()).isZero();
    assertThat(status.out()).startsWith("NAMESPACE");
  }

  private static Run run(List<String> command, Map<String, String> env)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command));
    builder.environment().putAll(env);
    Process process = builder.start();
    process.getOutputStream().close();
    // Read both streams fully (they are small) before waiting, so neither pipe can fill and block.
    var err = process.getErrorStream();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String errText = new String(err.readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("finished: " + command).isTrue();
    return new Run(process.exitValue(), out, errText);
  }
}
