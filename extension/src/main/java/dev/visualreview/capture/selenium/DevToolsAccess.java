package dev.visualreview.capture.selenium;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;

/**
 * The Chrome DevTools protocol of a Chromium driver, reached through the public {@code
 * executeCdpCommand(String, Map)} of {@code ChromiumDriver} by reflection, so that the
 * chromium-driver artifact is not needed at compile time and any Chromium-based driver (Chrome,
 * Edge) works.
 */
final class DevToolsAccess {
  private final WebDriver driver;
  private final Method execute;

  private DevToolsAccess(WebDriver driver, Method execute) {
    this.driver = driver;
    this.execute = execute;
  }

  static Optional<DevToolsAccess> of(WebDriver driver) {
    try {
      Method method = driver.getClass().getMethod("executeCdpCommand", String.class, Map.class);
      return Optional.of(new DevToolsAccess(driver, method));
    } catch (NoSuchMethodException e) {
      return Optional.empty();
    }
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> send(String command, Map<String, Object> parameters) {
    try {
      Object result = execute.invoke(driver, command, parameters);
      return result instanceof Map<?, ?> ? (Map<String, Object>) result : Map.of();
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new WebDriverException("DevTools command " + command + " failed", cause);
    } catch (IllegalAccessException e) {
      throw new WebDriverException("DevTools command " + command + " is not accessible", e);
    }
  }
}
