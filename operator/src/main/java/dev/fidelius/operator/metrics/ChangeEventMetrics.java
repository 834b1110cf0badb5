package dev.fidelius.operator.metrics;

import dev.fidelius.operator.backend.FeedState;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Per store, whether change events are live, how long ago the last one came and how late it was;
 * brought up to date at each scrape from the change feeds in use. Labelled by store only (a store's
 * kind, namespace and name are not secret, and there are as many as there are stores).
 */
final class ChangeEventMetrics {

  private final Supplier<Map<String, FeedState>> feeds;
  private final MultiGauge live;
  private final MultiGauge lastEventAge;
  private final MultiGauge lag;
  private final MultiGauge messages;

  ChangeEventMetrics(MeterRegistry registry, Supplier<Map<String, FeedState>> feeds) {
    this.feeds = feeds;
    this.live =
        MultiGauge.builder("fidelius_change_events_live")
            .description(
                "1 while a store's change events arrive (polling only as a safety net), else 0")
            .register(registry);
    this.lastEventAge =
        MultiGauge.builder("fidelius_change_events_last_event_age_seconds")
            .description("Seconds since a store's last change event")
            .register(registry);
    this.lag =
        MultiGauge.builder("fidelius_change_events_lag_seconds")
            .description("How late a store's last change event arrived")
            .register(registry);
    this.messages =
        MultiGauge.builder("fidelius_change_events_messages")
            .description(
                "Queue messages a store's current reader handled, by what they held (changes, unknown,"
                    + " malformed)")
            .register(registry);
  }

  void refresh() {
    Map<String, FeedState> now = feeds.get();
    Instant at = Instant.now();
    live.register(
        now.entrySet().stream()
            .map(e -> MultiGauge.Row.of(Tags.of("store", e.getKey()), e.getValue().live() ? 1 : 0))
            .toList(),
        true);
    lastEventAge.register(
        now.entrySet().stream()
            .filter(e -> e.getValue().lastEvent() != null)
            .map(
                e ->
                    MultiGauge.Row.of(
                        Tags.of("store", e.getKey()),
                        (at.toEpochMilli() - e.getValue().lastEvent().toEpochMilli()) / 1000.0))
            .toList(),
        true);
    lag.register(
        now.entrySet().stream()
            .filter(e -> e.getValue().lagMillis() >= 0)
            .map(
                e ->
                    MultiGauge.Row.of(
                        Tags.of("store", e.getKey()), e.getValue().lagMillis() / 1000.0))
            .toList(),
        true);
    messages.register(
        now.entrySet().stream()
            .flatMap(
                e ->
                    e.getValue().messages().entrySet().stream()
                        .map(
                            m ->
                                MultiGauge.Row.of(
                                    Tags.of("store", e.getKey(), "result", m.getKey()),
                                    m.getValue())))
            .toList(),
        true);
  }
}
