package dev.visualreview.browsers;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.util.HashMap;
import java.util.Map;

/**
 * Starts Playwright and the system Chromium with the house flags: never downloads a browser.
 *
 * <pre>{@code
 * try (Playwright playwright = PlaywrightBrowsers.createPlaywright();
 *     Browser browser = PlaywrightBrowsers.launchChromium(playwright)) {
 *   Page page = browser.newPage();
 * }
 * }</pre>
 */
public final class PlaywrightBrowsers {
  private PlaywrightBrowsers() {}

  /** {@code Playwright.create()} with browser downloads switched off. */
  public static Playwright createPlaywright() {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
    return Playwright.create(new Playwright.CreateOptions().setEnv(env));
  }

  /** Launches the discovered system Chromium, headless, with {@link #launchOptions()}. */
  public static Browser launchChromium(Playwright playwright) {
    return playwright.chromium().launch(launchOptions());
  }

  /**
   * How long Chromium may take to start: generous, since a loaded machine (a CI runner running
   * other builds) can take longer than Playwright's default 30 s.
   */
  public static final double LAUNCH_TIMEOUT_MILLIS = 120_000;

  /**
   * Launch options for the system Chromium: executable path, headless, house flags, {@link
   * #LAUNCH_TIMEOUT_MILLIS}.
   */
  public static BrowserType.LaunchOptions launchOptions() {
    return new BrowserType.LaunchOptions()
        .setExecutablePath(BrowserDiscovery.system().chromium())
        .setHeadless(true)
        .setTimeout(LAUNCH_TIMEOUT_MILLIS)
        .setArgs(BrowserDiscovery.HOUSE_FLAGS);
  }
}
