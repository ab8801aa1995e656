package dev.visualreview.capture;

import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;

/**
 * This library's classes from an earlier build (a classes directory), loaded beside the current
 * ones so that a benchmark can time both in the same run, interleaved. Only {@code
 * dev.visualreview} classes come from the earlier build; Playwright, Selenium and the JDK are
 * shared.
 */
public final class EarlierBuild {
  private final Method capture;
  private final Object defaults;
  private final Object fullPage;

  public EarlierBuild(Path classes) {
    try {
      ClassLoader loader = new ChildFirst(new URL[] {classes.toUri().toURL()});
      Class<?> options = loader.loadClass("dev.visualreview.CaptureOptions");
      defaults = options.getMethod("defaults").invoke(null);
      Object builder = options.getMethod("builder").invoke(null);
      builder = builder.getClass().getMethod("fullPage", boolean.class).invoke(builder, true);
      fullPage = builder.getClass().getMethod("build").invoke(builder);
      capture =
          loader
              .loadClass("dev.visualreview.capture.Capturers")
              .getMethod("capture", Object.class, options, String.class);
    } catch (MalformedURLException | ReflectiveOperationException e) {
      throw new IllegalStateException("cannot load the earlier build from " + classes, e);
    }
  }

  /**
   * {@code Capturers.capture(target, options, name)} of the earlier build, with the default options
   * or the defaults with {@code fullPage(true)}.
   */
  public Object capture(Object target, boolean fullPage, String name) {
    try {
      return capture.invoke(null, target, fullPage ? this.fullPage : defaults, name);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("the earlier build's capture failed", e);
    }
  }

  private static final class ChildFirst extends URLClassLoader {
    ChildFirst(URL[] urls) {
      super(urls, EarlierBuild.class.getClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (!name.startsWith("dev.visualreview.")) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> loaded = findLoadedClass(name);
        if (loaded == null) {
          try {
            loaded = findClass(name);
          } catch (ClassNotFoundException e) {
            loaded = super.loadClass(name, false);
          }
        }
        if (resolve) {
          resolveClass(loaded);
        }
        return loaded;
      }
    }
  }
}
