package dev.visualreview.run;

import dev.visualreview.ConfigKeys;
import dev.visualreview.run.config.VisualReviewConfig;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.Map;

/** Chooses and builds the suite's {@link Backend} from its settings. */
public final class BackendFactory {
  private BackendFactory() {}

  /**
   * The chosen backend and a description for messages.
   *
   * @param backend the backend, not yet opened
   * @param mode {@code local} or {@code posthog} (or the internal backend's class name)
   */
  public record Choice(Backend backend, String mode) {}

  /**
   * Builds the backend the settings ask for.
   *
   * @param config the parsed settings
   * @param environment the process environment (CI detection)
   * @param workDir the working directory (git and relative paths)
   * @throws IllegalStateException when the settings cannot give a backend, naming the fix
   */
  public static Choice create(
      VisualReviewConfig config, Map<String, String> environment, Path workDir) {
    if (config.internalBackendClass().isPresent()) {
      return new Choice(instantiate(config.internalBackendClass().get()), "custom");
    }
    throw new IllegalStateException(
        "no visual review backend is available in this build for mode "
            + config.mode().name().toLowerCase(java.util.Locale.ROOT));
  }

  private static Backend instantiate(String className) {
    try {
      Class<?> type =
          Class.forName(className, true, Thread.currentThread().getContextClassLoader());
      if (!Backend.class.isAssignableFrom(type)) {
        throw new IllegalStateException(
            ConfigKeys.INTERNAL_BACKEND_CLASS + "=" + className + " does not implement Backend");
      }
      return (Backend) type.getDeclaredConstructor().newInstance();
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(
          ConfigKeys.INTERNAL_BACKEND_CLASS + "=" + className + ": class not found", e);
    } catch (ReflectiveOperationException e) {
      Throwable cause = e instanceof InvocationTargetException ite ? ite.getCause() : e;
      throw new IllegalStateException(
          ConfigKeys.INTERNAL_BACKEND_CLASS
              + "="
              + className
              + " cannot be created with its public no-argument constructor: "
              + cause,
          cause);
    }
  }
}
