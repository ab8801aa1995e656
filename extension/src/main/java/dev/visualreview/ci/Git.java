package dev.visualreview.ci;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The PostHog CLI's fallback: {@code git rev-parse HEAD} and {@code git rev-parse --abbrev-ref
 * HEAD} in the working directory, each bounded by a timeout, {@code "unknown"} when git is missing,
 * fails, or takes too long.
 */
final class Git {

  static final long TIMEOUT_SECONDS = 5;

  private Git() {}

  static String commit(Path workDir) {
    return run(workDir, "rev-parse", "HEAD");
  }

  static String branch(Path workDir) {
    return run(workDir, "rev-parse", "--abbrev-ref", "HEAD");
  }

  private static String run(Path workDir, String... args) {
    List<String> command = new java.util.ArrayList<>();
    command.add("git");
    command.addAll(List.of(args));
    Process process = null;
    try {
      process =
          new ProcessBuilder(command)
              .directory(workDir.toAbsolutePath().toFile())
              .redirectErrorStream(false)
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .redirectInput(ProcessBuilder.Redirect.PIPE)
              .start();
      process.getOutputStream().close();
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        return CiContext.UNKNOWN;
      }
      if (process.exitValue() != 0) {
        return CiContext.UNKNOWN;
      }
      try (InputStream in = process.getInputStream()) {
        String out = new String(in.readNBytes(4096), StandardCharsets.UTF_8).trim();
        return out.isEmpty() ? CiContext.UNKNOWN : out;
      }
    } catch (IOException e) {
      return CiContext.UNKNOWN;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return CiContext.UNKNOWN;
    } finally {
      if (process != null && process.isAlive()) {
        process.destroyForcibly();
      }
    }
  }
}
