package dev.fidelius.operator.backend.queue;

import dev.fidelius.operator.api.ChangeEvents;
import dev.fidelius.operator.api.ChangeEventsQueue;
import dev.fidelius.operator.aws.AwsConnection;
import dev.fidelius.operator.backend.ChangeFeed;
import dev.fidelius.operator.backend.ChangeNotice;
import dev.fidelius.operator.provider.ChangeEventSettings;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.regions.Region;

/**
 * A store's {@code spec.changeEvents.sqs} as a change feed, the same way for every provider fed by
 * EventBridge or S3 notifications: the queue is read as the store's identity, in the queue's region
 * (default: the store's), and one reader serves every store naming the same queue with the same
 * identity. Each provider says only which announced names are its own.
 */
public final class StoreQueueFeeds {

  private final QueueChangeFeed.Tails tails = new QueueChangeFeed.Tails();

  /**
   * The store's queue feed; empty when the store names no queue or turned change events off.
   *
   * @param storeRegion the queue's region unless {@code sqs.region} says
   * @param notices this store's notice for an announced name, empty when the name is not its own
   */
  public Optional<ChangeFeed> feed(
      ChangeEvents events,
      Region storeRegion,
      AwsConnection connection,
      Function<AnnouncedChange, Optional<ChangeNotice>> notices) {
    if (events == null || events.getSqs() == null || ChangeEventSettings.disabled(events)) {
      return Optional.empty();
    }
    ChangeEventsQueue queue = events.getSqs();
    Region region =
        queue.getRegion() == null || queue.getRegion().isBlank()
            ? storeRegion
            : AwsConnection.region(queue.getRegion());
    Optional<URI> endpoint =
        Optional.ofNullable(queue.getEndpoint()).filter(e -> !e.isBlank()).map(URI::create);
    List<Object> key = List.of(queue.getQueueUrl(), region, endpoint, connection.credentials());
    String queueName = queue.getQueueUrl().substring(queue.getQueueUrl().lastIndexOf('/') + 1);
    return Optional.of(
        new QueueChangeFeed(
            tails,
            key,
            () ->
                new QueueTail(
                    new SqsChangeQueue(
                        connection.clients().sqs(region, connection.credentials(), endpoint),
                        queue.getQueueUrl()),
                    queueName,
                    Clock.systemUTC()),
            notices,
            ChangeEventSettings.safetyInterval(events)));
  }
}
