package dev.visualreview.review;

import java.awt.Desktop;
import java.awt.GraphicsEnvironment;
import java.io.File;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Opens the review page in the desktop's browser when there is one (the Desktop API, else {@code
 * xdg-open} or {@code open}); never fails: without a desktop it says so, and the URL is printed
 * anyway.
 */
public interface BrowserLauncher {

  /** Opens {@code uri}, or logs why it was not opened. */
  void open(URI uri, Consumer<String> log);

  /** The desktop's browser, for a process with this environment. */
  static BrowserLauncher desktop(Map<String, String> env) {
    return (uri, log) -> {
      if (desktopBrowse(uri)) {
        return;
      }
      List<String> command = opener(env);
      if (command == null) {
        log.accept("No desktop browser found: open " + uri + " yourself.");
        return;
      }
      try {
        new ProcessBuilder(append(command, uri.toString()))
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
      } catch (Exception e) {
        log.accept(
            "Could not start a browser (" + e.getMessage() + "): open " + uri + " yourself.");
      }
    };
  }

  private static boolean desktopBrowse(URI uri) {
    try {
      if (GraphicsEnvironment.isHeadless()
          || !Desktop.isDesktopSupported()
          || !Desktop.getDesktop().isSupported(Desktop.Action.BROWSE)) {
        return false;
      }
      Desktop.getDesktop().browse(uri);
      return true;
    } catch (Exception | LinkageError e) {
      return false; // no AWT, no desktop session: fall back to the platform's opener
    }
  }

  private static List<String> opener(Map<String, String> env) {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    if (os.contains("mac")) {
      return List.of("open");
    }
    if (os.contains("win")) {
      return List.of("rundll32", "url.dll,FileProtocolHandler");
    }
    boolean display = env.containsKey("DISPLAY") || env.containsKey("WAYLAND_DISPLAY");
    if (display && onPath("xdg-open", env)) {
      return List.of("xdg-open");
    }
    return null;
  }

  private static boolean onPath(String program, Map<String, String> env) {
    String path = env.getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty() && new File(dir, program).canExecute()) {
        return true;
      }
    }
    return false;
  }

  private static List<String> append(List<String> command, String arg) {
    List<String> all = new java.util.ArrayList<>(command);
    all.add(arg);
    return all;
  }
}
