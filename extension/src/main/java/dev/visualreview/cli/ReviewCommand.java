package dev.visualreview.cli;

import dev.visualreview.report.ReviewControls.Action;
import dev.visualreview.report.ReviewControls.Kind;
import dev.visualreview.review.BrowserLauncher;
import dev.visualreview.review.Review;
import dev.visualreview.review.ReviewException;
import dev.visualreview.review.ReviewServer;
import dev.visualreview.run.SnapshotVerdict;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * {@code review}: looks at the last run's report and accepts changes without rerunning the suite.
 * Without an action it serves the report on 127.0.0.1 with Accept buttons and opens it; {@code
 * --list}, {@code --accept}, {@code --accept-all} and {@code --prune} do the same from a terminal.
 * Exit codes: 0 nothing is left to review, 1 changes still need review, 2 bad input or a failure.
 */
final class ReviewCommand implements Command {
  static final String USAGE =
      String.join(
          "\n",
          "usage: java -jar visual-review.jar review [options]            serve the report, open it",
          "       java -jar visual-review.jar review --list               print what needs review",
          "       java -jar visual-review.jar review --accept ID...       accept these changes",
          "       java -jar visual-review.jar review --accept-all         accept every change",
          "       java -jar visual-review.jar review --prune ID...        delete baselines of removed",
          "                                                               snapshots (local, after a",
          "                                                               run of the whole suite)",
          "",
          "Reads the last run's report (result.json) in the module folder. Local runs: accepting",
          "writes the image the run kept as the baseline. PostHog runs (the key comes from",
          "POSTHOG_PERSONAL_API_KEY): accepting approves on PostHog and, once no change is left,",
          "finalizes the run and writes the signed baseline PostHog returns to snapshots.yml.",
          "",
          "options:",
          "  --dir DIR              the module folder (default: the current one, or the only",
          "                         sub-folder that has a report)",
          "  --report-dir DIR       the report folder (default target/visual-review)",
          "  --baseline-dir DIR     local baseline images (default src/test/visual-baselines)",
          "  --baseline FILE        snapshots.yml (default snapshots.yml)",
          "  --run-id ID            review this PostHog run (default: the report's run)",
          "  --api URL, --team ID   PostHog host and project (defaults as for `run complete`)",
          "  --commit-to-github     PostHog commits the new baseline to the PR branch itself",
          "                         instead of returning it to be written to snapshots.yml",
          "  --port N               serve on this port (default: a free one)",
          "  --no-open              print the page's address without opening a browser",
          "",
          "Settings also come from -Dvisualreview.* system properties, the module's",
          "src/test/resources/junit-platform.properties, and VISUALREVIEW_* variables.",
          "exit codes: 0 nothing left to review, 1 changes still need review, 2 bad input or",
          "failure");

  private static final Set<String> VALUES =
      Set.of(
          "--dir",
          "--report-dir",
          "--baseline-dir",
          "--baseline",
          "--run-id",
          "--api",
          "--team",
          "--port");
  private static final Set<String> FLAGS =
      Set.of("--list", "--accept-all", "--commit-to-github", "--no-open");
  private static final Set<String> LISTS = Set.of("--accept", "--prune");

  private final Map<String, String> env;
  private final Properties system;
  private final Path workDir;
  private final BrowserLauncher browser;

  ReviewCommand(Map<String, String> env, Properties system, Path workDir, BrowserLauncher browser) {
    this.env = env;
    this.system = system;
    this.workDir = workDir;
    this.browser = browser;
  }

  /** Parsed command line: single options by name, and the identifiers of --accept / --prune. */
  record Options(Map<String, String> values, List<String> accept, List<String> prune) {
    boolean has(String option) {
      return values.containsKey(option);
    }

    String get(String option) {
      return values.get(option);
    }

    boolean acting() {
      return !accept.isEmpty() || !prune.isEmpty() || has("--accept-all");
    }
  }

  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) {
    if (!args.isEmpty() && (args.get(0).equals("--help") || args.get(0).equals("-h"))) {
      out.println(USAGE);
      return OK;
    }
    Options o;
    try {
      o = parse(args);
    } catch (IllegalArgumentException e) {
      err.println("visual-review review: " + e.getMessage() + "\n\n" + USAGE);
      return FAILURE;
    }
    try {
      Review review = new ReviewSetup(env, system, workDir).open(o, err);
      if (o.has("--list")) {
        return list(review, out, err);
      }
      if (o.acting()) {
        return act(review, o, err);
      }
      return serve(review, o, out, err);
    } catch (ReviewException e) {
      err.println("visual-review review: " + e.getMessage());
      return FAILURE;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return FAILURE;
    } catch (RuntimeException e) {
      err.println("visual-review review: " + e.getMessage());
      return FAILURE;
    }
  }

  // ---- actions

  private static int list(Review review, PrintStream out, PrintStream err) {
    Map<String, Action> actions = review.actions();
    List<SnapshotVerdict> pending = review.pending();
    for (SnapshotVerdict v : pending) {
      out.println(line(v, actions.getOrDefault(v.identifier(), Action.none(""))));
    }
    if (pending.isEmpty()) {
      err.println("Nothing needs review.");
      return OK;
    }
    err.println(
        pending.size()
            + " snapshot(s) need review: accept with `review --accept ID...` or `review"
            + " --accept-all`.");
    return CHANGES;
  }

  /** {@code changed: id (3.21% diff, pixel)}, with what to do or why nothing can be done. */
  static String line(SnapshotVerdict v, Action a) {
    StringBuilder b = new StringBuilder(v.result().wire()).append(": ").append(v.identifier());
    List<String> details = new ArrayList<>();
    if (v.diffPercentage() != null) {
      details.add(String.format(Locale.ROOT, "%.2f%% diff", v.diffPercentage()));
    }
    if (!v.changeKind().wire().isEmpty()) {
      details.add(v.changeKind().wire());
    }
    if (!details.isEmpty()) {
      b.append(" (").append(String.join(", ", details)).append(')');
    }
    if (a.kind() == Kind.PRUNE) {
      b.append(" — no test produces it: delete its baseline with --prune");
    } else if (a.kind() == Kind.NONE && !a.reason().isEmpty()) {
      b.append(" — cannot be accepted here: ").append(a.reason());
    }
    return b.toString();
  }

  /** Prunes, then accepts; the review prints each line as it acts. */
  private static int act(Review review, Options o, PrintStream err) {
    int remaining = review.outcome().counts().unresolved();
    if (!o.prune().isEmpty()) {
      remaining = review.prune(o.prune()).remaining();
    }
    if (o.has("--accept-all")) {
      remaining = review.acceptAll().remaining();
    } else if (!o.accept().isEmpty()) {
      remaining = review.accept(o.accept()).remaining();
    }
    return finish(remaining, err);
  }

  private static int finish(int remaining, PrintStream err) {
    if (remaining > 0) {
      err.println(remaining + " snapshot(s) still need review (review --list shows them).");
      return CHANGES;
    }
    err.println("Nothing left to review.");
    return OK;
  }

  private int serve(Review review, Options o, PrintStream out, PrintStream err)
      throws InterruptedException {
    int port = port(o);
    ReviewServer server = ReviewServer.start(review, port, err::println);
    Thread hook = new Thread(server::close, "visual-review-server-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      URI uri = server.uri();
      out.println(uri);
      out.flush();
      err.println("Review page: " + uri + " (stop with the page's Done button or Ctrl+C)");
      if (!o.has("--no-open") && !"true".equalsIgnoreCase(env.get("CI"))) {
        browser.open(uri, err::println);
      }
      server.awaitStop();
    } finally {
      server.close();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // the JVM is shutting down: the hook runs anyway
      }
    }
    return finish(review.outcome().counts().unresolved(), err);
  }

  private static int port(Options o) {
    String p = o.get("--port");
    if (p == null) {
      return 0;
    }
    try {
      int n = Integer.parseInt(p.trim());
      if (n < 0 || n > 65_535) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw ReviewException.badInput("--port must be a port number (0-65535), got '" + p + "'");
    }
  }

  static Options parse(List<String> args) {
    Arguments a = Arguments.parse(args, FLAGS, VALUES, LISTS);
    List<String> accept = a.list("--accept");
    List<String> prune = a.list("--prune");
    Map<String, String> values = a.values();
    Options o = new Options(values, accept, prune);
    int modes = (o.has("--list") ? 1 : 0) + (o.acting() ? 1 : 0);
    if (modes > 1) {
      throw new IllegalArgumentException("--list cannot be combined with accepting or pruning");
    }
    if (o.has("--accept-all") && !accept.isEmpty()) {
      throw new IllegalArgumentException("pass either --accept ID... or --accept-all, not both");
    }
    if ((o.has("--port") || o.has("--no-open")) && (o.has("--list") || o.acting())) {
      throw new IllegalArgumentException(
          "--port and --no-open apply to serving the page, not to --list, --accept or --prune");
    }
    return o;
  }
}
