package dev.fidelius.e2e.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** What the benchmark ran on, read from the JVM and /proc. */
record Machine(String cpu, int cores, long memoryBytes, String os, String jvm) {

  static Machine current() {
    String cpu =
        read("/proc/cpuinfo")
            .flatMap(
                s ->
                    s.lines()
                        .filter(l -> l.startsWith("model name"))
                        .map(l -> l.substring(l.indexOf(':') + 1).trim())
                        .findFirst())
            .orElse("unknown CPU");
    long memory =
        read("/proc/meminfo")
            .flatMap(
                s ->
                    s.lines()
                        .filter(l -> l.startsWith("MemTotal:"))
                        .map(l -> Long.parseLong(l.replaceAll("\\D+", "")) * 1024)
                        .findFirst())
            .orElse(-1L);
    String os =
        read("/etc/os-release")
                .flatMap(
                    s ->
                        s.lines()
                            .filter(l -> l.startsWith("PRETTY_NAME="))
                            .map(l -> l.substring("PRETTY_NAME=".length()).replace("\"", ""))
                            .findFirst())
                .orElse(System.getProperty("os.name"))
            + ", Linux "
            + System.getProperty("os.version");
    String jvm =
        System.getProperty("java.vm.name")
            + " "
            + System.getProperty("java.runtime.version")
            + " ("
            + System.getProperty("java.vm.vendor")
            + ")";
    return new Machine(cpu, Runtime.getRuntime().availableProcessors(), memory, os, jvm);
  }

  /** The 1, 5 and 15 minute load averages. */
  static String loadAverage() {
    return read("/proc/loadavg")
        .map(
            s -> {
              String[] p = s.trim().split("\\s+");
              return p[0] + " / " + p[1] + " / " + p[2];
            })
        .orElse("unknown");
  }

  String describe() {
    return String.format(
        Locale.ROOT,
        "%s, %d cores, %.1f GiB RAM; %s; %s",
        cpu,
        cores,
        memoryBytes / (1024.0 * 1024 * 1024),
        os,
        jvm);
  }

  private static Optional<String> read(String path) {
    try {
      return Optional.of(Files.readString(Path.of(path)));
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
