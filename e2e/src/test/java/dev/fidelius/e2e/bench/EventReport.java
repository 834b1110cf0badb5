package dev.fidelius.e2e.bench;

import dev.fidelius.operator.aws.AwsCallCounter.Call;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Issue 15's tables: rotation latency with events and polling, idle calls, outages. */
final class EventReport {

  /** Seconds per long poll of the queue (QueueTail's WaitTimeSeconds). */
  static final int LONG_POLL_SECONDS = 20;

  static final long DEFAULT_SAFETY_SECONDS = 600;

  private static final Set<String> STREAM_OPERATIONS =
      Set.of("GetRecords", "GetShardIterator", "DescribeStream", "ListStreams");

  private final EventRuns events;
  private final List<Results.Rotation> polling;

  EventReport(EventRuns events, List<Results.Rotation> polling) {
    this.events = events;
    this.polling = polling;
  }

  /** A call of the event source itself (the queue, the table's stream), not of a sweep or sync. */
  static boolean isFeedCall(Call call) {
    return call.service().equals("sqs")
        || call.service().contains("streams")
        || STREAM_OPERATIONS.contains(call.operation());
  }

  void append(StringBuilder md) {
    latency(md);
    idle(md);
    outages(md);
  }

  private void latency(StringBuilder md) {
    if (events.latencies.isEmpty() && polling.isEmpty()) {
      return;
    }
    md.append("## Rotation latency: change events and polling\n\n");
    md.append(
        "| Store | detection | N | refreshInterval | rotations | p50 | p99 | max | not arrived | target p99 ≤ 2 s |\n");
    md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
    for (EventResults.Latency l : events.latencies) {
      List<Double> ms = l.latenciesMillis();
      row(
          md,
          l.backend(),
          l.backend() == Backend.FIDELIUS ? "DynamoDB stream" : "SQS queue (EventBridge envelope)",
          l.n(),
          "1 h",
          ms,
          l.missed(),
          ms.isEmpty() || l.missed() > 0
              ? "**no**"
              : Stats.percentile(ms, 99) <= 2000 ? "met" : "**not met**");
    }
    for (Results.Rotation r : polling) {
      row(md, r.backend(), "polling", r.n(), r.refreshSeconds() + " s", r.latenciesMillis(), 0, "");
    }
    md.append('\n');
    for (EventResults.Latency l : events.latencies) {
      md.append(
          String.format(
              Locale.ROOT,
              "- %s with events, N=%,d: all Ready %.1f s after the operator started; rotations spread"
                  + " over %d s; the operator's AWS calls meanwhile: %s.%n",
              l.backend().label(),
              l.n(),
              l.coldStartSeconds(),
              l.windowSeconds(),
              PhaseTable.byOperation(l.calls())));
    }
    md.append('\n');
  }

  private static void row(
      StringBuilder md,
      Backend backend,
      String detection,
      int n,
      String refresh,
      List<Double> ms,
      int missed,
      String target) {
    md.append(
        String.format(
            Locale.ROOT,
            "| %s | %s | %,d | %s | %d | %s | %s | %s | %d | %s |%n",
            backend.label(),
            detection,
            n,
            refresh,
            ms.size(),
            bold(seconds(ms, 50)),
            bold(seconds(ms, 99)),
            seconds(ms, 100),
            missed,
            target));
  }

  private void idle(StringBuilder md) {
    if (events.idle.isEmpty()) {
      return;
    }
    md.append("## AWS calls while idle, events on\n\n");
    md.append(
        "| Store | N | window | safetyInterval | sweeps seen | event source calls | other calls | per hour at this safetyInterval | per hour, safetyInterval 10 min | per hour, refreshInterval 1h | target per hour (10 min) | met |\n");
    md.append("|---|---:|---:|---:|---:|---|---|---:|---:|---:|---|---|\n");
    for (EventResults.Idle i : events.idle) {
      IdleFigures f = IdleFigures.of(i);
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %,d | %.0f s | %d s | %d | %s | %s | %,.0f | **%,.0f** | %,.0f | %s | %s |%n",
              i.backend().label(),
              i.n(),
              i.windowSeconds(),
              i.safetySeconds(),
              i.sweeps(),
              PhaseTable.byOperation(f.feed()),
              PhaseTable.byOperation(f.other()),
              f.perHourMeasured(),
              f.perHourDefault(),
              f.perHourDefault() - (3600.0 / DEFAULT_SAFETY_SECONDS - 1) * f.perSweep(),
              f.targetText(i.backend()),
              f.targetMet(i.backend())));
    }
    md.append('\n');
  }

  private void outages(StringBuilder md) {
    if (events.outages.isEmpty()) {
      return;
    }
    md.append("## Rotations during an event-source outage\n\n");
    md.append(
        "| Store | outage | N | refreshInterval | operator noticed after | rotations | p50 | max | not arrived | within refreshInterval |\n");
    md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
    for (EventResults.Outage o : events.outages) {
      List<Double> ms = o.latenciesMillis();
      boolean within =
          o.missed() == 0
              && !ms.isEmpty()
              && Stats.percentile(ms, 100) <= o.refreshSeconds() * 1000.0;
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %,d | %d s | %s | %d | %s | %s | %d | %s |%n",
              o.backend().label(),
              o.outage(),
              o.n(),
              o.refreshSeconds(),
              o.noticedSeconds() < 0
                  ? "not within the run"
                  : String.format(Locale.ROOT, "%.1f s", o.noticedSeconds()),
              ms.size(),
              seconds(ms, 50),
              bold(seconds(ms, 100)),
              o.missed(),
              within ? "yes" : "**no**"));
    }
    md.append('\n');
  }

  /** An idle window's calls split into the event source's and the rest, scaled to an hour. */
  record IdleFigures(
      Map<Call, Long> feed,
      Map<Call, Long> other,
      double perHourMeasured,
      double perHourDefault,
      double windowSeconds,
      int sweeps) {

    static IdleFigures of(EventResults.Idle i) {
      Map<Call, Long> feed = new java.util.TreeMap<>();
      Map<Call, Long> other = new java.util.TreeMap<>();
      i.calls().forEach((c, n) -> (isFeedCall(c) ? feed : other).put(c, n));
      double scale = 3600 / i.windowSeconds();
      long feedCalls = PhaseTable.total(feed);
      long otherCalls = PhaseTable.total(other);
      double perSweep = i.sweeps() == 0 ? otherCalls : otherCalls / (double) i.sweeps();
      double sweepsPerHourDefault = 3600.0 / DEFAULT_SAFETY_SECONDS;
      return new IdleFigures(
          feed,
          other,
          (feedCalls + otherCalls) * scale,
          feedCalls * scale + sweepsPerHourDefault * perSweep,
          i.windowSeconds(),
          i.sweeps());
    }

    double perSweep() {
      long otherCalls = PhaseTable.total(other);
      return sweeps == 0 ? otherCalls : otherCalls / (double) sweeps;
    }

    String targetText(Backend backend) {
      double sweepCalls = 3600.0 / DEFAULT_SAFETY_SECONDS * perSweep();
      if (backend == Backend.SECRETS_MANAGER) {
        return String.format(
            Locale.ROOT,
            "≤ %d long polls + 6 sweeps × %.1f calls = %,.0f",
            3600 / LONG_POLL_SECONDS,
            perSweep(),
            3600.0 / LONG_POLL_SECONDS + sweepCalls);
      }
      return String.format(
          Locale.ROOT,
          "no long poll in DynamoDB Streams: 6 sweeps × %.1f calls = %,.0f plus the stream's reads",
          perSweep(),
          sweepCalls);
    }

    /**
     * Met when the queue saw no more receives than one long poll per 20 s (one more for the
     * window's edges).
     */
    String targetMet(Backend backend) {
      if (backend != Backend.SECRETS_MANAGER) {
        return "see the note";
      }
      long receives = feed.getOrDefault(new Call("sqs", "ReceiveMessage"), 0L);
      long extra = PhaseTable.total(feed) - receives;
      long allowed = (long) Math.ceil(windowSeconds / LONG_POLL_SECONDS) + 1;
      return receives <= allowed && extra == 0 ? "yes" : "**no**";
    }
  }

  private static String seconds(List<Double> ms, double p) {
    return ms.isEmpty()
        ? "–"
        : String.format(Locale.ROOT, "%.2f s", Stats.percentile(ms, p) / 1000);
  }

  private static String bold(String s) {
    return s.equals("–") ? s : "**" + s + "**";
  }
}
