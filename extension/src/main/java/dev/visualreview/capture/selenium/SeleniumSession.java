package dev.visualreview.capture.selenium;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.visualreview.CaptureOptions;
import dev.visualreview.capture.CaptureFailures;
import dev.visualreview.capture.CaptureMetadata;
import dev.visualreview.capture.NetworkIdle;
import dev.visualreview.capture.PageChanges;
import dev.visualreview.capture.PageDeadline;
import dev.visualreview.capture.PageFacts;
import dev.visualreview.capture.PageScripts;
import dev.visualreview.capture.PageSession;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.openqa.selenium.Capabilities;
import org.openqa.selenium.HasCapabilities;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;

/**
 * A Selenium driver's current page (and, for an element capture, the element) as a {@link
 * PageSession}. Selenium's screenshot does nothing to the page, so the page scripts make every
 * change: caret-hiding and transition CSS, the user's style, mask boxes, paused animations.
 *
 * <p>The page scripts of one capture all go one way, so the undo always runs in the document that
 * was changed: on a local Chromium through this library's own {@link DevToolsSocket} (about a
 * millisecond a call), else through chromedriver's DevTools command, else (other drivers, or
 * WebElement masks, which only {@code executeScript} can pass) through {@code executeScript}.
 * Screenshots are taken by {@link SeleniumScreenshots}.
 */
final class SeleniumSession implements PageSession {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** How long the first try waits for web fonts before asking the driver for its script timeout. */
  private static final long FONTS_PROBE_MILLIS = 200;

  private enum ScriptPath {
    SOCKET,
    DEVTOOLS_COMMAND,
    EXECUTE_SCRIPT
  }

  final WebDriver driver;
  final WebDriver innermost;
  final WebElement element;
  final CaptureOptions options;
  final String name;
  final JavascriptExecutor js;
  final Optional<DevToolsAccess> devTools;
  final Optional<DevToolsSocket> socket;
  final DriverCalls calls;
  private final List<WebElement> maskElements = new ArrayList<>();
  private final List<String> maskSelectors = new ArrayList<>();
  private final ScriptPath scripts;
  private final SeleniumScreenshots screenshots;
  private boolean transparentBackground;

  SeleniumSession(
      WebDriver driver,
      WebDriver innermost,
      WebElement element,
      CaptureOptions options,
      String name) {
    this.driver = driver;
    this.innermost = innermost;
    this.element = element;
    this.options = options;
    this.name = name;
    this.js = (JavascriptExecutor) driver;
    this.devTools = DevToolsAccess.of(innermost);
    this.calls = new DriverCalls(name, PageDeadline.millis(options));
    for (Object mask : options.masks()) {
      if (mask instanceof String selector) {
        maskSelectors.add(selector);
      } else if (mask instanceof WebElement webElement) {
        maskElements.add(webElement);
      } else {
        throw CaptureFailures.wrongMask(name, mask, "Selenium");
      }
    }
    this.socket = maskElements.isEmpty() ? openSocket() : Optional.empty();
    if (socket.isPresent()) {
      scripts = ScriptPath.SOCKET;
    } else if (devTools.isPresent() && maskElements.isEmpty()) {
      scripts = ScriptPath.DEVTOOLS_COMMAND;
    } else {
      scripts = ScriptPath.EXECUTE_SCRIPT;
    }
    this.screenshots = new SeleniumScreenshots(this);
  }

  /**
   * The DevTools connection to the driver's current window, on a local Chromium driver. Asking for
   * the window handle also makes chromedriver check that the current window is still open.
   */
  private Optional<DevToolsSocket> openSocket() {
    if (devTools.isEmpty() || !(innermost instanceof HasCapabilities has)) {
      return Optional.empty();
    }
    String address = debuggerAddress(has.getCapabilities());
    if (address == null) {
      return Optional.empty();
    }
    String handle = calls.blocking(driver::getWindowHandle, "");
    return DevToolsSocket.of(address, handle);
  }

  private static String debuggerAddress(Capabilities capabilities) {
    for (String key : List.of("goog:chromeOptions", "ms:edgeOptions")) {
      if (capabilities.getCapability(key) instanceof Map<?, ?> vendor
          && vendor.get("debuggerAddress") instanceof String address) {
        return address;
      }
    }
    return null;
  }

  /** Makes the browser's default background transparent for this capture (omitBackground). */
  void useTransparentBackground() {
    transparentBackground = true;
    calls.blocking(
        () ->
            devTools
                .get()
                .send(
                    "Emulation.setDefaultBackgroundColorOverride",
                    Map.of("color", Map.of("r", 0, "g", 0, "b", 0, "a", 0))),
        "");
  }

  @Override
  public PageChanges changes(CaptureOptions options) {
    return new PageChanges(
        injectedCss(options),
        options.hideCaret(),
        options.maskColor(),
        List.copyOf(maskElements),
        maskSelectors,
        options.disableAnimations(),
        !options.style().isEmpty() || !maskElements.isEmpty() || !maskSelectors.isEmpty());
  }

  /** The CSS injected while capturing: hidden caret, no transitions, the user's style. */
  static String injectedCss(CaptureOptions options) {
    List<String> rules = new ArrayList<>();
    if (options.hideCaret()) {
      rules.add("*, *::before, *::after { caret-color: transparent !important; }");
    }
    if (options.disableAnimations()) {
      rules.add(
          "*, *::before, *::after { transition-duration: 0s !important;"
              + " transition-delay: 0s !important; }");
    }
    if (!options.style().isEmpty()) {
      rules.add(options.style());
    }
    return String.join("\n", rules);
  }

  @Override
  public boolean hidesCaret() {
    return false;
  }

  @Override
  public long fontsProbeMillis() {
    // Only executeScript is bounded by the driver's script timeout, which a probe avoids asking.
    return scripts == ScriptPath.EXECUTE_SCRIPT ? FONTS_PROBE_MILLIS : -1;
  }

  @Override
  public long fontsWaitMillis(long timeoutMillis) {
    Duration scriptTimeout =
        calls.blocking(() -> driver.manage().timeouts().getScriptTimeout(), "");
    if (scriptTimeout != null && scriptTimeout.toMillis() > 1000) {
      return Math.min(timeoutMillis, scriptTimeout.toMillis() - 500);
    }
    return timeoutMillis;
  }

  @Override
  public void waitForNetworkIdle() {
    NetworkIdle.await(this, options, name);
  }

  @Override
  public Map<?, ?> evaluate(String function, Map<String, Object> argument, String when) {
    Object result =
        switch (scripts) {
          case SOCKET ->
              calls.answered(
                  socket
                      .get()
                      .send("Runtime.evaluate", evaluation(function, argument))
                      .thenApply(SeleniumSession::value),
                  when);
          case DEVTOOLS_COMMAND ->
              calls.blocking(
                  () ->
                      value(
                          devTools
                              .get()
                              .send("Runtime.evaluate", evaluationMap(function, argument))),
                  when);
          case EXECUTE_SCRIPT ->
              calls.blocking(
                  () -> js.executeScript(PageScripts.forSelenium(function), argument), when);
        };
    return result instanceof Map<?, ?> map ? map : Map.of();
  }

  /** Runs a function of the element (and an argument object) through executeScript. */
  Object evaluateOnElement(String function, Map<String, Object> argument, String when) {
    return calls.blocking(
        () -> js.executeScript(PageScripts.forSelenium(function), element, argument), when);
  }

  private ObjectNode evaluation(String function, Map<String, Object> argument) {
    ObjectNode params = DevToolsSocket.params();
    params.put("expression", expression(function, argument));
    params.put("returnByValue", true);
    params.put("awaitPromise", true);
    return params;
  }

  private Map<String, Object> evaluationMap(String function, Map<String, Object> argument) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("expression", expression(function, argument));
    params.put("returnByValue", true);
    params.put("awaitPromise", true);
    return params;
  }

  private String expression(String function, Map<String, Object> argument) {
    try {
      return "(" + function + ")(" + JSON.writeValueAsString(argument) + ")";
    } catch (JsonProcessingException e) {
      throw CaptureFailures.engine(name, "cannot pass the page script's argument", e);
    }
  }

  private static Object value(JsonNode result) {
    JsonNode details = result.get("exceptionDetails");
    if (details != null) {
      JsonNode description = details.path("exception").get("description");
      throw new WebDriverException(
          "the capture's page script failed: "
              + (description != null ? description.asText() : details.path("text").asText()));
    }
    JsonNode value = result.path("result").get("value");
    return value == null ? null : JSON.convertValue(value, Object.class);
  }

  private static Object value(Map<String, Object> response) {
    if (response.get("exceptionDetails") instanceof Map<?, ?> details) {
      Object thrown =
          details.get("exception") instanceof Map<?, ?> exception
              ? exception.get("description")
              : details.get("text");
      throw new WebDriverException("the capture's page script failed: " + thrown);
    }
    return response.get("result") instanceof Map<?, ?> result ? result.get("value") : null;
  }

  @Override
  public byte[] screenshot(PageFacts facts, boolean calm) {
    return screenshots.take(facts);
  }

  @Override
  public boolean unresponsive() {
    return calls.unresponsive();
  }

  @Override
  public CaptureMetadata.BrowserDescription browser(PageFacts facts) {
    if (innermost instanceof HasCapabilities has) {
      Capabilities capabilities = has.getCapabilities();
      String os =
          capabilities.getPlatformName() != null
              ? capabilities.getPlatformName().toString().toLowerCase(Locale.ROOT)
              : CaptureMetadata.localOs();
      return new CaptureMetadata.BrowserDescription(
          "selenium", capabilities.getBrowserName(), capabilities.getBrowserVersion(), os);
    }
    return new CaptureMetadata.BrowserDescription(
        "selenium", facts.userAgent(), null, CaptureMetadata.localOs());
  }

  @Override
  public void close(Throwable failure) {
    if (!transparentBackground) {
      return;
    }
    try {
      calls.blocking(
          () -> devTools.get().send("Emulation.setDefaultBackgroundColorOverride", Map.of()), "");
    } catch (RuntimeException e) {
      if (failure == null) {
        throw e;
      }
      failure.addSuppressed(e);
    }
  }
}
