package io.fenz.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Measures two ways of moving the same bytes in one run (MB/s and process CPU per 100 MB) and
 * prints their medians and ratio.
 */
final class Throughput {
  private static final long MB = 1L << 20;

  private Throughput() {}

  /** One transfer; returns the bytes moved. */
  @FunctionalInterface
  interface Transfer {
    long run() throws Exception;
  }

  record Sample(double mbPerSecond, double cpuMsPer100Mb) {}

  /**
   * One unmeasured warm-up of each path, then {@code rounds} measured pairs; app and direct take
   * turns going first, so neither always runs on a cache or JIT state the other left. Prints
   * medians (and the spread); returns the direct median.
   */
  static double compare(
      String name, String directName, Transfer app, Transfer direct, int rounds, double goal)
      throws Exception {
    measure(app);
    measure(direct);
    List<Sample> apps = new ArrayList<>();
    List<Sample> directs = new ArrayList<>();
    for (int i = 0; i < rounds; i++) {
      if (i % 2 == 0) {
        apps.add(measure(app));
        directs.add(measure(direct));
      } else {
        directs.add(measure(direct));
        apps.add(measure(app));
      }
    }
    double appMbS = median(apps.stream().mapToDouble(Sample::mbPerSecond).toArray());
    double directMbS = median(directs.stream().mapToDouble(Sample::mbPerSecond).toArray());
    double appCpu = median(apps.stream().mapToDouble(Sample::cpuMsPer100Mb).toArray());
    double directCpu = median(directs.stream().mapToDouble(Sample::cpuMsPer100Mb).toArray());
    System.out.printf("%s.app_mb_s: %.1f   (rounds: %s)%n", name, appMbS, rates(apps));
    System.out.printf(
        "%s.%s_mb_s: %.1f   (rounds: %s)%n", name, directName, directMbS, rates(directs));
    System.out.printf(
        "%s.app_cpu_ms_per_100mb: %.0f%n%s.%s_cpu_ms_per_100mb: %.0f%n",
        name, appCpu, name, directName, directCpu);
    System.out.printf(
        "ratio.%s_over_direct: %.2f   %s%n",
        name,
        appMbS / directMbS,
        Double.isNaN(goal) ? "(reference, no goal)" : String.format("(goal >= %.1f)", goal));
    return directMbS;
  }

  static Sample measure(Transfer transfer) throws Exception {
    var os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpu0 = os.getProcessCpuTime();
    long t0 = System.nanoTime();
    long bytes = transfer.run();
    long nanos = System.nanoTime() - t0;
    long cpu = os.getProcessCpuTime() - cpu0;
    return new Sample(mbPerSecond(bytes, nanos), cpu / 1e6 / (bytes / (100.0 * MB)));
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static String rates(List<Sample> samples) {
    return samples.stream()
        .map(s -> String.format("%.0f", s.mbPerSecond()))
        .collect(Collectors.joining(" "));
  }

  private static double mbPerSecond(long bytes, long nanos) {
    return bytes / (double) MB / (nanos / 1e9);
  }
}
