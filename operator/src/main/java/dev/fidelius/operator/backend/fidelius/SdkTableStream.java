package dev.fidelius.operator.backend.fidelius;

import dev.fidelius.operator.backend.fidelius.TableStream.StreamFailure.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * {@link TableStream} over the AWS SDK: DescribeTable, DescribeStream, GetShardIterator,
 * GetRecords.
 */
final class SdkTableStream implements TableStream {

  private final DynamoDbClient dynamo;
  private final DynamoDbStreamsClient streams;
  private final String table;

  SdkTableStream(DynamoDbClient dynamo, DynamoDbStreamsClient streams, String table) {
    this.dynamo = dynamo;
    this.streams = streams;
    this.table = table;
  }

  @Override
  public Optional<String> streamArn() {
    return call(
        "DescribeTable",
        () -> {
          var t = dynamo.describeTable(b -> b.tableName(table)).table();
          boolean enabled =
              t.streamSpecification() != null
                  && Boolean.TRUE.equals(t.streamSpecification().streamEnabled());
          return enabled ? Optional.ofNullable(t.latestStreamArn()) : Optional.empty();
        });
  }

  @Override
  public List<StreamShard> shards(String streamArn, int max) {
    return call(
        "DescribeStream",
        () -> {
          List<StreamShard> found = new ArrayList<>();
          String start = null;
          do {
            String from = start;
            DescribeStreamResponse r =
                streams.describeStream(b -> b.streamArn(streamArn).exclusiveStartShardId(from));
            for (Shard s : r.streamDescription().shards()) {
              boolean closed =
                  s.sequenceNumberRange() != null
                      && s.sequenceNumberRange().endingSequenceNumber() != null;
              found.add(new StreamShard(s.shardId(), s.parentShardId(), closed));
            }
            start = r.streamDescription().lastEvaluatedShardId();
          } while (start != null && found.size() < max);
          return found.size() > max ? found.subList(0, max) : found;
        });
  }

  @Override
  public String iterator(String streamArn, String shardId, StartPosition position) {
    return call(
        "GetShardIterator",
        () ->
            streams
                .getShardIterator(
                    b ->
                        b.streamArn(streamArn)
                            .shardId(shardId)
                            .shardIteratorType(ShardIteratorType.fromValue(position.type()))
                            .sequenceNumber(position.sequenceNumber()))
                .shardIterator());
  }

  @Override
  public RecordBatch read(String iterator, int limit) {
    return call(
        "GetRecords",
        () -> {
          GetRecordsResponse r = streams.getRecords(b -> b.shardIterator(iterator).limit(limit));
          List<String> names = new ArrayList<>(r.records().size());
          String last = null;
          long oldest = -1;
          for (Record record : r.records()) {
            var data = record.dynamodb();
            if (data == null) {
              continue;
            }
            AttributeValue name =
                data.keys() == null ? null : data.keys().get(FideliusItemCodec.NAME);
            if (name != null && name.s() != null) {
              names.add(name.s());
            }
            last = data.sequenceNumber();
            if (oldest < 0 && data.approximateCreationDateTime() != null) {
              oldest = data.approximateCreationDateTime().toEpochMilli();
            }
          }
          return new RecordBatch(names, last, r.nextShardIterator(), oldest);
        });
  }

  private interface Call<T> {
    T run();
  }

  /** Maps the SDK's exceptions to a failure kind, keeping only the exception's class name. */
  private static <T> T call(String what, Call<T> call) {
    try {
      return call.run();
    } catch (ExpiredIteratorException e) {
      throw new StreamFailure(Kind.EXPIRED_ITERATOR, what);
    } catch (TrimmedDataAccessException e) {
      throw new StreamFailure(Kind.TRIMMED, what);
    } catch (ResourceNotFoundException e) {
      throw new StreamFailure(Kind.NOT_FOUND, what);
    } catch (DynamoDbException e) {
      String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
      boolean denied = e.statusCode() == 403 || code != null && code.contains("AccessDenied");
      throw new StreamFailure(
          denied ? Kind.ACCESS_DENIED : Kind.OTHER, what + " " + e.getClass().getSimpleName());
    } catch (SdkException e) {
      throw new StreamFailure(Kind.OTHER, what + " " + e.getClass().getSimpleName());
    }
  }
}
