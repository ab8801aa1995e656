package dev.visualreview.sample.bench;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import dev.visualreview.CaptureOptions;
import dev.visualreview.CapturedSnapshot;
import dev.visualreview.Snapshots;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * For {@code bench/compare-suite.sh} only: runs each test with a {@link Snapshots} that takes the
 * engine's plain screenshot ({@code page.screenshot()}, {@code locator.screenshot()}, {@code
 * getScreenshotAs}) instead of {@code snapshots.capture}, so the same tests can be timed with and
 * without visual review. Registered through JUnit's extension auto-detection and inert unless the
 * configuration parameter {@value #SWITCH} is {@code true} (the script sets both, and {@code
 * visualreview.enabled=false}); the sample's tests do not know of it.
 */
public final class PlainScreenshots implements InvocationInterceptor {
  /** The configuration parameter that switches plain screenshots on. */
  public static final String SWITCH = "sample.bench.plainScreenshots";

  @Override
  public void interceptTestMethod(
      Invocation<Void> invocation,
      ReflectiveInvocationContext<Method> call,
      ExtensionContext context)
      throws Throwable {
    List<Object> arguments = new ArrayList<>(call.getArguments());
    boolean on = context.getConfigurationParameter(SWITCH).map(Boolean::parseBoolean).orElse(false);
    if (!on || arguments.stream().noneMatch(Snapshots.class::isInstance)) {
      invocation.proceed();
      return;
    }
    arguments.replaceAll(argument -> argument instanceof Snapshots ? new Plain() : argument);
    invocation.skip();
    Method method = call.getExecutable();
    method.setAccessible(true);
    try {
      method.invoke(call.getTarget().orElse(null), arguments.toArray());
    } catch (java.lang.reflect.InvocationTargetException e) {
      throw e.getCause();
    }
  }

  @Override
  public void interceptTestTemplateMethod(
      Invocation<Void> invocation,
      ReflectiveInvocationContext<Method> call,
      ExtensionContext context)
      throws Throwable {
    interceptTestMethod(invocation, call, context);
  }

  /**
   * A full page as a Selenium user without this library takes it on Chromium: the DevTools
   * screenshot beyond the viewport, of the document's scroll size.
   */
  private static byte[] fullPage(ChromeDriver chrome) {
    Map<?, ?> size =
        (Map<?, ?>)
            chrome.executeScript(
                "const d = document.documentElement;"
                    + " return {width: d.scrollWidth, height: d.scrollHeight};");
    Map<String, Object> clip =
        Map.of(
            "x", 0, "y", 0, "width", size.get("width"), "height", size.get("height"), "scale", 1);
    Map<String, Object> result =
        chrome.executeCdpCommand(
            "Page.captureScreenshot",
            Map.of("format", "png", "captureBeyondViewport", true, "clip", clip));
    return Base64.getDecoder().decode((String) result.get("data"));
  }

  /** The plain screenshot a test without visual review would take. */
  private static final class Plain implements Snapshots {
    @Override
    public CapturedSnapshot capture(String name, Object target) {
      return capture(name, target, CaptureOptions.defaults());
    }

    @Override
    public CapturedSnapshot capture(String name, Object target, CaptureOptions options) {
      byte[] png;
      if (target instanceof Page page) {
        Page.ScreenshotOptions plain = new Page.ScreenshotOptions().setFullPage(options.fullPage());
        List<Locator> masks = new ArrayList<>();
        for (Object mask : options.masks()) {
          masks.add(mask instanceof Locator l ? l : page.locator(String.valueOf(mask)));
        }
        png = page.screenshot(masks.isEmpty() ? plain : plain.setMask(masks));
      } else if (target instanceof Locator locator) {
        png = locator.screenshot();
      } else if (target instanceof WebElement element) {
        png = element.getScreenshotAs(OutputType.BYTES);
      } else if (options.fullPage() && target instanceof ChromeDriver chrome) {
        png = fullPage(chrome);
      } else {
        png = ((TakesScreenshot) target).getScreenshotAs(OutputType.BYTES);
      }
      int width = ByteBuffer.wrap(png, 16, 4).getInt();
      int height = ByteBuffer.wrap(png, 20, 4).getInt();
      return new CapturedSnapshot(name, "", width, height);
    }
  }
}
