package dev.fidelius.operator.status;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records Kubernetes Events on resources: on condition changes and data changes only, never on
 * every refresh. Messages come from status messages, which never hold values. A failure to record
 * is logged and swallowed: Events are informational and must never fail a reconcile.
 *
 * <p>Events are built at once (their time and resource version are those of the change) and sent in
 * the background, so a reconcile does not wait for one more API round trip: at a cold start every
 * first sync records one. Past {@link #QUEUE_LIMIT} waiting Events, new ones are dropped.
 */
public final class EventRecorder implements AutoCloseable {

  /** Events waiting to be sent, at most; a burst beyond it loses Events rather than memory. */
  static final int QUEUE_LIMIT = 10_000;

  private static final int SENDERS = 2;

  private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);
  private static final String COMPONENT = "fidelius-operator";

  private final KubernetesClient client;
  private final Clock clock;
  private final ThreadPoolExecutor senders;

  public EventRecorder(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
    AtomicInteger threads = new AtomicInteger();
    this.senders =
        new ThreadPoolExecutor(
            SENDERS,
            SENDERS,
            0,
            TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(QUEUE_LIMIT),
            r -> {
              Thread t = new Thread(r, "fidelius-events-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            },
            (dropped, pool) ->
                LOG.debug(
                    "event dropped: {} events are waiting to be sent, or the operator is stopping",
                    pool.getQueue().size()));
  }

  public void normal(HasMetadata about, String reason, String message) {
    record(about, "Normal", reason, message);
  }

  public void warning(HasMetadata about, String reason, String message) {
    record(about, "Warning", reason, message);
  }

  /** Sends the Events still waiting, for up to {@code timeout}, then stops. */
  public void close(Duration timeout) {
    senders.shutdown();
    try {
      if (!senders.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.debug("{} events not sent before stopping", senders.getQueue().size());
        senders.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      senders.shutdownNow();
    }
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(5));
  }

  private void record(HasMetadata about, String type, String reason, String message) {
    Event event;
    String namespace;
    try {
      String now = clock.instant().toString();
      namespace =
          about.getMetadata().getNamespace() == null
              ? "default"
              : about.getMetadata().getNamespace();
      event =
          new EventBuilder()
              .withNewMetadata()
              .withName(
                  about.getMetadata().getName()
                      + "."
                      + UUID.randomUUID().toString().replace("-", "").substring(0, 16))
              .withNamespace(namespace)
              .endMetadata()
              .withInvolvedObject(
                  new ObjectReferenceBuilder()
                      .withApiVersion(about.getApiVersion())
                      .withKind(about.getKind())
                      .withName(about.getMetadata().getName())
                      .withNamespace(about.getMetadata().getNamespace())
                      .withUid(about.getMetadata().getUid())
                      .withResourceVersion(about.getMetadata().getResourceVersion())
                      .build())
              .withType(type)
              .withReason(reason)
              .withMessage(
                  message == null
                      ? ""
                      : message.length() > 1024 ? message.substring(0, 1024) : message)
              .withFirstTimestamp(now)
              .withLastTimestamp(now)
              .withCount(1)
              .withNewSource()
              .withComponent(COMPONENT)
              .endSource()
              .withReportingComponent(COMPONENT)
              .build();
    } catch (RuntimeException e) {
      LOG.debug(
          "could not build event {} on {}/{}: {}",
          reason,
          about.getKind(),
          about.getMetadata().getName(),
          e.getClass().getSimpleName());
      return;
    }
    senders.execute(() -> send(namespace, event));
  }

  private void send(String namespace, Event event) {
    try {
      client.v1().events().inNamespace(namespace).resource(event).create();
    } catch (RuntimeException e) {
      LOG.debug(
          "could not record event {} on {}/{}: {}",
          event.getReason(),
          event.getInvolvedObject().getKind(),
          event.getInvolvedObject().getName(),
          e.getClass().getSimpleName());
    }
  }
}
