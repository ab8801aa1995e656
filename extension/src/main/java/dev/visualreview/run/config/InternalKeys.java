package dev.visualreview.run.config;

import dev.visualreview.ConfigKeys;

/**
 * Settings for the library's own tests, kept out of the public {@link ConfigKeys}. They are
 * configuration parameters like any other, under {@code visualreview.internal.}, which {@link
 * UnknownSettings} never reports.
 */
public final class InternalKeys {
  private InternalKeys() {}

  /**
   * Fully qualified name of a {@code dev.visualreview.run.Backend} with a public no-argument
   * constructor, used instead of the backend {@link ConfigKeys#MODE} selects.
   */
  public static final String BACKEND_CLASS = ConfigKeys.PREFIX + "internal.backendClass";

  /**
   * {@code empty} makes the suite see no environment variables (no CI detection, no GitHub Actions
   * output, no key from the environment), {@code only:CI=true,...} exactly the given ones; default
   * {@code inherit}.
   */
  public static final String ENVIRONMENT = ConfigKeys.PREFIX + "internal.environment";
}
