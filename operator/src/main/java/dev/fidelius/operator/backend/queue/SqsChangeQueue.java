package dev.fidelius.operator.backend.queue;

import dev.fidelius.operator.backend.queue.ChangeQueue.QueueFailure.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.SqsException;

/** {@link ChangeQueue} over the AWS SDK: ReceiveMessage (long poll) and DeleteMessageBatch. */
public final class SqsChangeQueue implements ChangeQueue {

  private final SqsClient sqs;
  private final String queueUrl;

  public SqsChangeQueue(SqsClient sqs, String queueUrl) {
    this.sqs = sqs;
    this.queueUrl = queueUrl;
  }

  @Override
  public List<Message> receive(int max, int waitSeconds) {
    return call(
        "ReceiveMessage",
        () ->
            sqs
                .receiveMessage(
                    b -> b.queueUrl(queueUrl).maxNumberOfMessages(max).waitTimeSeconds(waitSeconds))
                .messages()
                .stream()
                .map(m -> new Message(m.receiptHandle(), m.body()))
                .toList());
  }

  @Override
  public void delete(List<String> receiptHandles) {
    if (receiptHandles.isEmpty()) {
      return;
    }
    List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
    for (int i = 0; i < receiptHandles.size(); i++) {
      entries.add(
          DeleteMessageBatchRequestEntry.builder()
              .id("m" + i)
              .receiptHandle(receiptHandles.get(i))
              .build());
    }
    call(
        "DeleteMessageBatch",
        () -> sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(entries)));
  }

  private static <T> T call(String what, Supplier<T> call) {
    try {
      return call.get();
    } catch (QueueDoesNotExistException e) {
      throw new QueueFailure(Kind.QUEUE_GONE, what);
    } catch (SqsException e) {
      String code =
          e.awsErrorDetails() == null ? "" : String.valueOf(e.awsErrorDetails().errorCode());
      if (e.statusCode() == 403 || code.contains("AccessDenied")) {
        throw new QueueFailure(Kind.ACCESS_DENIED, what);
      }
      if (code.contains("NonExistentQueue") || code.contains("QueueDoesNotExist")) {
        throw new QueueFailure(Kind.QUEUE_GONE, what);
      }
      throw new QueueFailure(Kind.OTHER, what + " " + e.getClass().getSimpleName());
    } catch (SdkException e) {
      throw new QueueFailure(Kind.OTHER, what + " " + e.getClass().getSimpleName());
    }
  }
}
