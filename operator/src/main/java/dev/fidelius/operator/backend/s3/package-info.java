/**
 * Objects of an S3 bucket as a secret backend: keys {@code <prefix>APP/component/sdlc/short},
 * bodies either KMS ciphertext blobs (decrypted with KMS Decrypt, optionally under the Fidelius
 * encryption context) or values S3 encrypts itself (SSE-KMS, SSE-S3).
 *
 * <p>Where the calls go, for N objects a refresh asks about: one ListObjectsV2 page per thousand
 * keys of a scope (keys and ETags, no bodies); for content never seen, one GetObject (which tells
 * the VersionId a listing does not) and, for envelope objects, one KMS Decrypt. Versions are
 * VersionIds in versioned buckets and ETags otherwise; decrypted values are cached by (key,
 * version).
 */
package dev.fidelius.operator.backend.s3;
