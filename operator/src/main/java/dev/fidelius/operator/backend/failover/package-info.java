/**
 * Reading a store in several regions: which region serves ({@link
 * dev.fidelius.operator.backend.failover.RegionHealth}) and a backend that routes each call there
 * ({@link dev.fidelius.operator.backend.failover.FailoverBackend}). Knows no AWS service: the
 * per-region backends come from the store's provider.
 */
package dev.fidelius.operator.backend.failover;
