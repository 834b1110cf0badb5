package dev.fidelius.e2e.support;

import java.util.List;

/**
 * The JVM flags the chart's Deployment runs the operator with ({@code
 * charts/fidelius-operator/templates/deployment.yaml}), before {@code -jar}: ChartTemplateTest
 * holds the chart to them, and the scale benchmark runs the jar with them, so that what it measures
 * is what the chart runs.
 */
public final class ChartJvmFlags {

  public static final List<String> FLAGS =
      List.of(
          "-XX:MaxRAMPercentage=60.0",
          "-XX:+ExitOnOutOfMemoryError",
          "-XX:+UseSerialGC",
          "-XX:TieredStopAtLevel=1",
          "-XX:ReservedCodeCacheSize=32m",
          "-Xss512k",
          "-XX:NewRatio=5",
          "-XX:MinHeapFreeRatio=10",
          "-XX:MaxHeapFreeRatio=30");

  private ChartJvmFlags() {}
}
