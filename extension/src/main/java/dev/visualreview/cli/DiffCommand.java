package dev.visualreview.cli;

import java.io.PrintStream;
import java.util.List;

/** Placeholder until its issue lands: refuses to run and says so. */
final class DiffCommand implements Command {
  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) {
    err.println("this command is not available in this build yet");
    return FAILURE;
  }
}
