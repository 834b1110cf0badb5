package dev.fidelius.operator.backend.failover;

import java.time.Instant;

/**
 * Reads of a store moved from one region to another.
 *
 * @param toPrimary whether they moved back to the primary region
 * @param why for Events and logs: the outage seen, or that the region answers again; never a value
 */
public record RegionSwitch(String from, String to, Instant at, boolean toPrimary, String why) {}
