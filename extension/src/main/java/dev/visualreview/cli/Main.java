package dev.visualreview.cli;

import dev.visualreview.review.BrowserLauncher;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Entry point of {@code java -jar visual-review.jar}. */
public final class Main {

  static final String USAGE =
      String.join(
          "\n",
          "usage: java -jar visual-review.jar <command> [arguments]",
          "",
          "commands:",
          "  hash FILE...                          print '<content_hash>  <file>' per PNG",
          "  diff BASE CURRENT [--out DIFF.png]    compare two PNGs, print one JSON object",
          "  diff --batch LISTFILE                 compare each 'BASE CURRENT' line of LISTFILE",
          "  verify --dir DIR --baseline FILE      compare PNGs with snapshots.yml (no network)",
          "  run create|complete ...               shard a PostHog run across jobs",
          "  review [--list | --accept ID... | --accept-all]",
          "                                        review the last run: serve its report with",
          "                                        Accept buttons, or list / accept from here",
          "",
          "exit codes: 0 success, 1 changes or failed run, 2 bad input or command failure");

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(List.of(args), System.out, System.err));
  }

  /** Runs one command line and returns its exit code; never calls {@code System.exit}. */
  public static int run(List<String> args, PrintStream out, PrintStream err) {
    return run(args, out, err, System.getenv(), Path.of(""));
  }

  /** As {@link #run(List, PrintStream, PrintStream)} with a given environment (tests). */
  static int run(
      List<String> args, PrintStream out, PrintStream err, Map<String, String> env, Path workDir) {
    return run(args, out, err, env, workDir, BrowserLauncher.desktop(env));
  }

  /** As above, opening the review page with {@code browser} (tests never start one). */
  static int run(
      List<String> args,
      PrintStream out,
      PrintStream err,
      Map<String, String> env,
      Path workDir,
      BrowserLauncher browser) {
    if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("-h")) {
      (args.isEmpty() ? err : out).println(USAGE);
      return args.isEmpty() ? Command.FAILURE : Command.OK;
    }
    Command command =
        switch (args.get(0)) {
          case "hash" -> new HashCommand();
          case "diff" -> new DiffCommand();
          case "verify" -> new VerifyCommand(env);
          case "run" -> new RunCommand(env, System.getProperties(), workDir);
          case "review" -> new ReviewCommand(env, System.getProperties(), workDir, browser);
          default -> null;
        };
    if (command == null) {
      err.println("unknown command '" + args.get(0) + "'\n\n" + USAGE);
      return Command.FAILURE;
    }
    try {
      return command.run(args.subList(1, args.size()), out, err);
    } catch (RuntimeException e) {
      err.println("visual-review " + args.get(0) + ": " + e.getMessage());
      return Command.FAILURE;
    }
  }
}
