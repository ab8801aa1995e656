package dev.visualreview.cli;

import java.io.PrintStream;
import java.util.List;

/** One sub-command of the command line. */
interface Command {

  /** Exit code for success. */
  int OK = 0;

  /** Exit code for changes found, or a run that failed (the PostHog CLI's 1). */
  int CHANGES = 1;

  /** Exit code for bad input or a command that could not do its job (the PostHog CLI's 2). */
  int FAILURE = 2;

  /**
   * Runs the command.
   *
   * @param args the arguments after the command's name
   * @param out standard output: only the command's results
   * @param err standard error: human messages and reasons for failure
   * @return the process exit code
   */
  int run(List<String> args, PrintStream out, PrintStream err);
}
