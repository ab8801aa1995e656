package dev.visualreview.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.visualreview.CaptureException;
import java.awt.image.BufferedImage;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;

/** A project with neither Playwright nor Selenium on its classpath can still capture images. */
class EngineIsolationTest {

  @Test
  void capturingWithoutAnyEngineOnTheClasspathNeverNeedsTheirClasses() throws Exception {
    URL libraryClasses = Capturers.class.getProtectionDomain().getCodeSource().getLocation();
    byte[] png = PngImages.encode(new BufferedImage(2, 2, BufferedImage.TYPE_INT_ARGB));
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {libraryClasses}, ClassLoader.getPlatformClassLoader())) {
      assertThatThrownBy(() -> loader.loadClass("com.microsoft.playwright.Page"))
          .isInstanceOf(ClassNotFoundException.class);
      assertThatThrownBy(() -> loader.loadClass("org.openqa.selenium.WebDriver"))
          .isInstanceOf(ClassNotFoundException.class);
      Class<?> capturers = loader.loadClass(Capturers.class.getName());
      Class<?> options = loader.loadClass("dev.visualreview.CaptureOptions");
      Method capture = capturers.getMethod("capture", Object.class, options, String.class);

      Object captured = capture.invoke(null, png, null, "image");
      assertThat(captured.getClass().getName()).isEqualTo(CapturedImage.class.getName());

      assertThatThrownBy(() -> capture.invoke(null, new Object(), null, "unknown"))
          .isInstanceOf(InvocationTargetException.class)
          .cause()
          .satisfies(
              cause -> {
                assertThat(cause.getClass().getName()).isEqualTo(CaptureException.class.getName());
                assertThat(cause).hasMessageContaining("Playwright Page or Locator");
              });
    }
  }
}
