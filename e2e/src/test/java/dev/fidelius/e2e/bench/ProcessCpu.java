package dev.fidelius.e2e.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * CPU time of the processes a cold start shares the machine with (the jar, the API server, etcd,
 * moto and the benchmark's own JVM), read from {@code /proc}. Wall time on a shared two-core
 * machine varies by a fifth from run to run; CPU seconds per resource say where the time went and
 * vary far less, so they tell a change in the jar's own cost from the machine's noise.
 */
final class ProcessCpu {

  /** Linux reports process times in clock ticks of USER_HZ, which is 100 on every architecture. */
  private static final double TICKS_PER_SECOND = 100.0;

  private static final List<String> ROLES =
      List.of("jar", "API server", "etcd", "moto", "benchmark");

  private final Map<String, Long> ticksByRole;

  private ProcessCpu(Map<String, Long> ticksByRole) {
    this.ticksByRole = ticksByRole;
  }

  /**
   * CPU ticks used so far by each role's processes; the jar's pid when it runs (negative when not
   * yet started, which counts as none).
   */
  static ProcessCpu sample(long jarPid) {
    Map<String, Long> ticks = new LinkedHashMap<>();
    ROLES.forEach(role -> ticks.put(role, 0L));
    long self = ProcessHandle.current().pid();
    try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
      entries
          .filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
          .forEach(
              dir -> {
                long pid = Long.parseLong(dir.getFileName().toString());
                String role = role(pid, self, jarPid, dir);
                if (role != null) {
                  ticks(dir).ifPresent(t -> ticks.merge(role, t, Long::sum));
                }
              });
    } catch (IOException | RuntimeException e) {
      // Not Linux, or /proc unreadable: the figures stay zero and say so by being absent.
    }
    return new ProcessCpu(ticks);
  }

  /** CPU seconds each role used between {@code earlier} and this sample. */
  Map<String, Double> secondsSince(ProcessCpu earlier) {
    Map<String, Double> seconds = new LinkedHashMap<>();
    ROLES.forEach(
        role ->
            seconds.put(
                role, (ticksByRole.get(role) - earlier.ticksByRole.get(role)) / TICKS_PER_SECOND));
    return seconds;
  }

  /** "jar 41.2 s (8.2 ms each), API server ..." for the roles that used any CPU. */
  static String describe(Map<String, Double> seconds, int resources) {
    String parts =
        seconds.entrySet().stream()
            .filter(e -> e.getValue() >= 0.05)
            .map(
                e ->
                    String.format(
                        Locale.ROOT,
                        "%s %.1f s (%.1f ms each)",
                        e.getKey(),
                        e.getValue(),
                        e.getValue() * 1000 / resources))
            .collect(Collectors.joining(", "));
    double total = seconds.values().stream().mapToDouble(Double::doubleValue).sum();
    return String.format(Locale.ROOT, "%s; in all %.1f s", parts, total);
  }

  private static String role(long pid, long self, long jarPid, Path dir) {
    if (pid == self) {
      return "benchmark";
    }
    if (pid == jarPid) {
      return "jar";
    }
    String command = commandLine(dir);
    if (command.contains("kube-apiserver")) {
      return "API server";
    }
    if (command.contains("moto_server") || command.contains("moto.server")) {
      return "moto";
    }
    String program = command.split("\0", 2)[0];
    if (program.endsWith("/etcd") || program.equals("etcd")) {
      return "etcd";
    }
    return null;
  }

  private static String commandLine(Path dir) {
    try {
      return new String(Files.readAllBytes(dir.resolve("cmdline")), StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      return ""; // the process ended meanwhile
    }
  }

  /** utime + stime of a process (fields 14 and 15 of /proc/PID/stat, after the command name). */
  private static OptionalLong ticks(Path dir) {
    try {
      String stat = Files.readString(dir.resolve("stat"), StandardCharsets.UTF_8);
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // fields[0] is the state (field 3), so utime (field 14) is fields[11], stime fields[12].
      return OptionalLong.of(Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
    } catch (IOException | RuntimeException e) {
      return OptionalLong.empty();
    }
  }
}
