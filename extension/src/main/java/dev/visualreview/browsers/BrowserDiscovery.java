package dev.visualreview.browsers;

import dev.visualreview.CaptureException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Finds the system Chromium and chromedriver, so tests never download a browser and never ask
 * Selenium Manager. Environment variables win over the well-known install paths; a variable that
 * points at a missing file is an error rather than silently skipped.
 */
public final class BrowserDiscovery {
  /** Installs both on Debian and Ubuntu. */
  public static final String INSTALL_COMMAND = "apt-get install -y chromium chromium-driver";

  static final List<String> CHROMIUM_VARIABLES =
      List.of("PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH", "CHROME_BIN");
  static final List<String> CHROMIUM_PATHS =
      List.of(
          "/usr/bin/chromium",
          "/usr/bin/chromium-browser",
          "/usr/bin/google-chrome",
          "/usr/bin/google-chrome-stable");
  static final List<String> CHROMEDRIVER_VARIABLES = List.of("CHROMEDRIVER");
  static final List<String> CHROMEDRIVER_PATHS =
      List.of("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");

  /**
   * Chromium flags for deterministic headless screenshots as root in containers. Without {@code
   * --run-all-compositor-stages-before-draw} and {@code --disable-checker-imaging} about one
   * capture in ten under load was seen to miss SVG pattern tiles.
   */
  public static final List<String> HOUSE_FLAGS =
      List.of(
          "--no-sandbox",
          "--disable-gpu",
          "--disable-background-networking",
          "--run-all-compositor-stages-before-draw",
          "--disable-checker-imaging",
          // Partial re-raster of a tile was seen to anti-alias rounded corners differently per
          // start.
          "--disable-partial-raster",
          "--disable-dev-shm-usage",
          "--hide-scrollbars");

  private final Map<String, String> env;
  private final Predicate<Path> isExecutable;

  BrowserDiscovery(Map<String, String> env, Predicate<Path> isExecutable) {
    this.env = env;
    this.isExecutable = isExecutable;
  }

  /** Discovery against this process's environment and file system. */
  public static BrowserDiscovery system() {
    return new BrowserDiscovery(System.getenv(), Files::isExecutable);
  }

  /** The Chromium executable, or an exception that says where it looked and how to install it. */
  public Path chromium() {
    return find("Chromium", CHROMIUM_VARIABLES, CHROMIUM_PATHS)
        .orElseThrow(
            () ->
                notFound(
                    "Chromium",
                    CHROMIUM_VARIABLES,
                    CHROMIUM_PATHS,
                    "CHROME_BIN to the browser executable"));
  }

  /** The chromedriver executable, or an exception that says where it looked. */
  public Path chromedriver() {
    return find("chromedriver", CHROMEDRIVER_VARIABLES, CHROMEDRIVER_PATHS)
        .orElseThrow(
            () ->
                notFound(
                    "chromedriver",
                    CHROMEDRIVER_VARIABLES,
                    CHROMEDRIVER_PATHS,
                    "CHROMEDRIVER to the driver executable"));
  }

  /** Says where {@code what} was looked for and how to install it or point at it. */
  private static CaptureException notFound(
      String what, List<String> variables, List<String> paths, String setting) {
    return new CaptureException(
        "no "
            + what
            + " found: looked at $"
            + String.join(", $", variables)
            + ", "
            + String.join(", ", paths)
            + ". Install it with `"
            + INSTALL_COMMAND
            + "` or set "
            + setting);
  }

  /** Whether a Chromium can be found. */
  public boolean hasChromium() {
    return find("Chromium", CHROMIUM_VARIABLES, CHROMIUM_PATHS).isPresent();
  }

  private Optional<Path> find(String what, List<String> variables, List<String> paths) {
    for (String variable : variables) {
      String value = env.get(variable);
      if (value == null || value.isBlank()) {
        continue;
      }
      Path path = Path.of(value.trim());
      if (!isExecutable.test(path)) {
        throw new CaptureException(
            "$"
                + variable
                + " points at "
                + path
                + ", which is not an executable "
                + what
                + ": fix or unset the variable");
      }
      return Optional.of(path);
    }
    List<Path> candidates = new ArrayList<>();
    for (String candidate : paths) {
      candidates.add(Path.of(candidate));
    }
    return candidates.stream().filter(isExecutable).findFirst();
  }
}
