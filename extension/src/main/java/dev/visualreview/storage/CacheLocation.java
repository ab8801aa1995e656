package dev.visualreview.storage;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where the library keeps its cache, decided in one place for the hash cache and the image store.
 *
 * <p>The root is the configured directory ({@code visualreview.cache.dir}), else the environment
 * variable {@code VISUALREVIEW_CACHE_DIR}, else {@code $XDG_CACHE_HOME/visual-review}, else {@code
 * ~/.cache/visual-review}; a relative {@code XDG_CACHE_HOME} is ignored, as the XDG specification
 * asks. The hash cache lives in {@code hashes/}, the image store in {@code images/}.
 *
 * <p>The secret that authenticates cache entries ({@link LocalSecret}) is deliberately <em>not</em>
 * in the cache: CI systems save and restore cache directories across branches, so anything in them
 * may have been written by someone else. It lives in {@code
 * $XDG_CONFIG_HOME/visual-review/cache-secret}, else {@code ~/.config/visual-review/cache-secret}.
 */
public final class CacheLocation {
  /** The environment variable that moves the cache (also read by the JUnit configuration). */
  public static final String ENVIRONMENT_VARIABLE = "VISUALREVIEW_CACHE_DIR";

  private final Path root;
  private final Path secretFile;

  private CacheLocation(Path root, Path secretFile) {
    this.root = root;
    this.secretFile = secretFile;
  }

  /** The location for this process: its environment and {@code user.home}. */
  public static CacheLocation fromEnvironment() {
    return of(Optional.empty(), System.getenv(), System.getProperty("user.home"));
  }

  /**
   * The location for a configured directory (if any), an environment and a home directory.
   *
   * @param configured {@code visualreview.cache.dir}, relative paths taken as they are
   */
  public static CacheLocation of(
      Optional<Path> configured, Map<String, String> env, String userHome) {
    Path home = Path.of(userHome);
    Path root =
        configured
            .or(() -> nonBlank(env.get(ENVIRONMENT_VARIABLE)).map(Path::of))
            .orElseGet(() -> xdg(env, "XDG_CACHE_HOME", home.resolve(".cache")).resolve(APP));
    Path secret = xdg(env, "XDG_CONFIG_HOME", home.resolve(".config")).resolve(APP);
    return new CacheLocation(root, secret.resolve("cache-secret"));
  }

  private static final String APP = "visual-review";

  /** The cache's root directory. */
  public Path root() {
    return root;
  }

  /** The hash cache's directory. */
  public Path hashes() {
    return root.resolve("hashes");
  }

  /** The image store's directory. */
  public Path images() {
    return root.resolve("images");
  }

  /** The file holding the secret that authenticates hash cache entries (outside the cache). */
  public Path secretFile() {
    return secretFile;
  }

  /**
   * The secret for a cache kept in {@code cacheDir} (e.g. {@link #hashes()}): the one in {@link
   * #secretFile()}, unless that file would lie inside the cache's root (someone pointed the cache
   * at the configuration directory), where a saved and restored cache would carry it along; the
   * cache then gets a secret for this process only and trusts nothing older.
   */
  public LocalSecret secretFor(Path cacheDir) {
    Path dir = cacheDir.toAbsolutePath().normalize();
    Path cacheRoot = dir.getParent() == null ? dir : dir.getParent();
    Path secret = secretFile.toAbsolutePath().normalize();
    if (secret.startsWith(cacheRoot) || secret.startsWith(root.toAbsolutePath().normalize())) {
      return LocalSecret.ephemeral();
    }
    return LocalSecret.at(secretFile);
  }

  private static Path xdg(Map<String, String> env, String variable, Path fallback) {
    return nonBlank(env.get(variable)).map(Path::of).filter(Path::isAbsolute).orElse(fallback);
  }

  private static Optional<String> nonBlank(String value) {
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }

  @Override
  public String toString() {
    return "CacheLocation[" + root + ", secret " + secretFile + "]";
  }
}
