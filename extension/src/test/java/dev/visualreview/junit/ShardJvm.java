package dev.visualreview.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.HashMap;
import java.util.Map;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/**
 * A test JVM of a sharded build: runs one fixture class through the launcher with the given
 * configuration parameters ({@code key=value} arguments) and exits 1 when anything failed, as a
 * Surefire fork would fail the build.
 */
public final class ShardJvm {
  private ShardJvm() {}

  public static void main(String[] args) throws Exception {
    Class<?> fixture = Class.forName(args[0]);
    Map<String, String> parameters = new HashMap<>();
    for (int i = 1; i < args.length; i++) {
      int eq = args[i].indexOf('=');
      parameters.put(args[i].substring(0, eq), args[i].substring(eq + 1));
    }
    SummaryGeneratingListener summary = new SummaryGeneratingListener();
    LauncherFactory.create()
        .execute(
            LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(fixture))
                .configurationParameters(parameters)
                .build(),
            summary);
    summary.getSummary().printFailuresTo(new java.io.PrintWriter(System.out, true), 20);
    System.out.println(
        "tests succeeded: "
            + summary.getSummary().getTestsSucceededCount()
            + ", failures: "
            + summary.getSummary().getTotalFailureCount());
    System.exit(summary.getSummary().getTotalFailureCount() == 0 ? 0 : 1);
  }
}
