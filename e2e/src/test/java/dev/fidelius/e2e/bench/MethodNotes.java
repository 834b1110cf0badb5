package dev.fidelius.e2e.bench;

/** The report's "How it was measured" section: what each table's figures mean. */
final class MethodNotes {

  private MethodNotes() {}

  static final String TEXT =
      """
      - **Servers.** Everything runs on real servers: a kube-apiserver 1.20 with etcd, and one moto_server 5.2.1 for
        every AWS service (Secrets Manager, KMS, DynamoDB with DynamoDB Streams, SSM Parameter Store, S3, SQS).
        The data is written with each store's own API, as a team would: the Fidelius writer (a KMS data key and a
        DynamoDB item), Secrets Manager CreateSecret/PutSecretValue, Parameter Store PutParameter of a
        SecureString under a customer KMS key, and for S3 a KMS Encrypt whose ciphertext blob is the body of a
        PutObject into a versioned bucket (`encryption: KmsEnvelope`). The names are `APPnn.dev.sNNNNN-kK`
        (Fidelius, Secrets Manager), `/APPnn/dev/sNNNNN-kK` (Parameter Store) and `APPnn/dev/sNNNNN-kK` (S3).
      - **Calls per refresh cycle.** The operator runs in-process (the same code as the jar) against the real API
        server and emulators, watching one namespace of N FideliusSecrets. Each cycle writes new versions of 1% of
        the keys (seeded random choice), then waits until every new value is in its Secret; a cycle's calls are
        every AWS call the operator made between two such points, i.e. one full sweep period with its periodic
        reconciles, one change-detection sweep and the reconciles it triggered. Warm-up cycles are discarded; the
        table gives the median cycle and its calls by operation. The peers' strategy is a plain AWS SDK client run
        right after on the same data with the same rotations: per key per refresh one GetSecretValue; one Query
        plus one KMS Decrypt (Fidelius); one GetParameter with decryption (Parameter Store); one GetObject plus
        one KMS Decrypt (S3).
      - **Calls by phase.** Issue 14's four phases on the same running operator: first sync (operator start to
        all Ready, from a cold cache), a quiet refresh (from one sweep's snapshot to the next with nothing
        rotated), 1% rotated (the median cycle above), and a second resource reading the same versions
        (FideliusSecrets with the same data as those whose keys rotated last, applied right after a sweep, until
        all are Ready; the row says when a sweep fell in that window).
      - **Targets.** Per refresh cycle with `keys` secrets in use and `changed` of them rotated: Secrets Manager at
        most keys/100 + changed/20 + 5 calls; Parameter Store at most keys/50 + changed/10 + 5; S3 at most
        keys/1000 + 2 × changed + 5, with KMS Decrypt only for new versions (at most `changed`); Fidelius store:
        KMS Decrypt only for rotated versions, and DynamoDB calls bounded by the table's size, not the number of
        keys: at most the pages of one projection scan (table bytes / 1 MB + 1), plus one read per rotated
        version.
      - **Cold convergence.** N FideliusSecrets are applied while the operator is stopped; the time runs from
        starting the operator to the last FideliusSecret Ready (seen by an informer). The raw rate is the same API
        server creating N Secrets of the same shape with as many client threads as the operator has reconcile
        threads, measured in the same run just before. Ratio = raw time / convergence time (1.0 would mean the
        operator converges as fast as the API server can store bare Secrets).
      - **Rotation latency, polling.** New versions are written at seeded random instants over four refresh
        intervals; latency runs from the write's return to the moment an informer sees the Secret holding the
        new value.
      - **Rotation latency, change events.** N FideliusSecrets with `refreshInterval: 1h` read through a store
        with change events on: the Fidelius store through the table's DynamoDB stream (KEYS_ONLY, in moto), and
        Secrets Manager through an SQS queue named in `spec.changeEvents.sqs`. moto records no CloudTrail and
        routes no Secrets Manager event through EventBridge, so right after each PutSecretValue returns the
        benchmark sends to the queue the envelope an EventBridge rule would deliver for it ("AWS API Call via
        CloudTrail", `eventName: PutSecretValue`, the secret's name in `requestParameters.secretId`; no value, as
        CloudTrail logs none). The rotations are spread at seeded random instants over the stated window;
        latency runs from the write's return (before the message is sent) to the Secret holding the new value.
      - **Idle calls with events on.** The store holds a shortened `safetyInterval` from the start (changing the
        store would make it a new backend and resync everything); after the latency run the
        FideliusSecrets' `refreshInterval` is set equal to it: while events are live the operator sweeps at the
        longer of the two, so with a 1 h refresh it sweeps hourly whatever the safetyInterval, and the window
        would see no sweep. The operator is left to settle, then every AWS call is counted over a real idle
        window. Calls of the event source (SQS; DynamoDB Streams) are scaled to an hour; the other calls are
        counted per sweep seen and projected to one sweep per default `safetyInterval` (10 min, which applies
        when refreshInterval is 10 min or less) and to one sweep an hour (refreshInterval 1h). Target: the long
        polls (one ReceiveMessage per 20 s wait, 180 an hour) plus one safety sweep per safetyInterval. DynamoDB
        Streams has no long poll: its reader polls GetRecords.
      - **Event-source outage.** A few FideliusSecrets with a short `refreshInterval` read through a store with
        events live; then the source breaks (Secrets Manager: the queue is deleted; Fidelius store: every
        DynamoDB Streams call of the store fails with HTTP 500 through a fault proxy in front of moto, table reads
        pass) and rotations follow at random instants over two refresh intervals, each timed to its Secret. The
        table shows when the operator's feed reported not live and the latencies against `refreshInterval`.
      - **Memory.** The packaged jar (`java -jar`, no JVM flags) runs as its own process watching a namespace of N
        synced FideliusSecrets; after it has synced them all and 10 s of quiet, RSS is read from
        `/proc/<pid>/status`, then `jcmd <pid> GC.run` forces a full GC, `jcmd <pid> GC.heap_info` gives the heap
        and RSS is read again.
      """;
}
