package dev.visualreview.baseline;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The PostHog baseline file ({@code snapshots.yml}, visual-review-api.md section 6), read-only.
 *
 * <p>It belongs to the server: the server writes it (through {@code --auto-approve} or a commit)
 * and signs every entry, so this class never writes it. Reading follows the PostHog CLI: a missing
 * file, a document that is not a mapping, or a {@code version} other than {@code 1} is treated as
 * absent; entries whose value is not a mapping with a string {@code hash} are ignored. YAML that
 * does not parse at all is an error naming the file and line, because silently treating a broken
 * merge as "no baselines" would report every snapshot as new.
 */
public final class BaselineFile {
  /**
   * The largest baseline file read: 4 MiB. A real baseline of 5,000 snapshots is about 1 MB (an
   * entry is ~180 bytes), so this holds about 20,000, four times the largest seen, while keeping
   * the worst-case parse of a hostile file to seconds (SnakeYAML reads 1 MB in 1 to 2.5 s on a busy
   * 2-core machine).
   */
  static final int MAX_FILE_BYTES = 4 * 1024 * 1024;

  /** The deepest nesting of collections accepted; a baseline file nests 3 deep. */
  static final int MAX_NESTING = 10;

  /** How long one parse may take before it is abandoned, far above any real file's time. */
  static final Duration PARSE_DEADLINE = Duration.ofSeconds(60);

  private final Path path;
  private final boolean present;
  private final String problem;
  private final String api;
  private final String team;
  private final String repo;
  private final Map<String, String> signedHashes;

  private BaselineFile(
      Path path,
      boolean present,
      String problem,
      String api,
      String team,
      String repo,
      Map<String, String> signedHashes) {
    this.path = path;
    this.present = present;
    this.problem = problem;
    this.api = api;
    this.team = team;
    this.repo = repo;
    this.signedHashes = Collections.unmodifiableMap(new TreeMap<>(signedHashes));
  }

  /** A file that does not exist (or does not count): no config, no snapshots. */
  public static BaselineFile absent(Path path) {
    return new BaselineFile(path, false, null, null, null, null, Map.of());
  }

  /** A file that exists but does not count as a baseline file, and why. */
  private static BaselineFile notABaseline(Path path, String problem) {
    return new BaselineFile(path, false, problem, null, null, null, Map.of());
  }

  /**
   * Reads a baseline file.
   *
   * @throws BaselineFileException when the file exists but is not parseable YAML, is larger than
   *     {@value #MAX_FILE_BYTES} bytes, is not a regular file, or is unreadable
   */
  public static BaselineFile read(Path path) {
    byte[] bytes;
    try {
      if (Files.exists(path) && !Files.isRegularFile(path)) {
        throw new BaselineFileException(
            "baseline file "
                + path
                + " is not a regular file (a directory, a device or a pipe): point the baseline"
                + " setting at the snapshots.yml PostHog writes",
            null);
      }
      try (InputStream in = Files.newInputStream(path)) {
        bytes = in.readNBytes(MAX_FILE_BYTES + 1);
      }
    } catch (NoSuchFileException e) {
      return absent(path);
    } catch (IOException e) {
      if (!Files.exists(path)) {
        return absent(path);
      }
      throw new BaselineFileException(
          "cannot read baseline file " + path + ": " + e.getMessage() + ": check its permissions",
          e);
    }
    if (bytes.length > MAX_FILE_BYTES) {
      throw new BaselineFileException(
          "baseline file "
              + path
              + " was refused: it is larger than 4 MiB, the limit for a baseline file (about"
              + " 20,000 snapshots; a real one of 5,000 is about 1 MB). Point the baseline"
              + " setting at the snapshots.yml PostHog writes, or restore it from git",
          null);
    }
    return parse(new String(bytes, StandardCharsets.UTF_8), path);
  }

  /**
   * Parses baseline YAML; {@code path} only names the source in messages and {@link #path()}.
   *
   * @throws BaselineFileException when the text is not parseable YAML or breaks a bound (aliases,
   *     nesting, size, time: see {@link BoundedYaml})
   */
  public static BaselineFile parse(String yaml, Path path) {
    return parse(yaml, path, PARSE_DEADLINE);
  }

  static BaselineFile parse(String yaml, Path path, Duration deadline) {
    if (yaml.length() > MAX_FILE_BYTES) {
      throw new BaselineFileException(
          "baseline file " + path + " was refused: it is larger than 4 MiB", null);
    }
    Object document = BoundedYaml.load(yaml, path, deadline);
    if (document == null) {
      return notABaseline(
          path,
          yaml.isEmpty()
              ? "is empty (0 bytes)"
              : "holds no YAML document (only blank lines or comments)");
    }
    if (!(document instanceof Map<?, ?> root)) {
      String kind = document instanceof Iterable<?> ? "a list" : "a single value";
      return notABaseline(path, "is " + kind + ", not a mapping with 'version: 1' and 'snapshots'");
    }
    Object version = root.get("version");
    if (!(version instanceof Integer v) || v != 1) {
      return notABaseline(
          path,
          version == null
              ? "has no 'version: 1'"
              : "has 'version: " + scalar(version) + "' where 'version: 1' is expected");
    }
    String api = null;
    String team = null;
    String repo = null;
    if (root.get("config") instanceof Map<?, ?> config) {
      api = scalar(config.get("api"));
      team = scalar(config.get("team"));
      repo = scalar(config.get("repo"));
    }
    Map<String, String> hashes = new TreeMap<>();
    if (root.get("snapshots") instanceof Map<?, ?> snapshots) {
      for (Map.Entry<?, ?> entry : snapshots.entrySet()) {
        String identifier = scalar(entry.getKey()); // a list or map is no identifier
        if (identifier != null
            && entry.getValue() instanceof Map<?, ?> value
            && value.get("hash") instanceof String hash) {
          hashes.put(identifier, hash);
        }
      }
    }
    return new BaselineFile(path, true, null, api, team, repo, hashes);
  }

  /**
   * The content hash inside a signed hash: the third dot-separated part of {@code
   * v1.<kid>.<content>.<mac>}, or the whole value when it does not have four parts (legacy), as the
   * PostHog CLI's {@code verify} does.
   */
  public static String contentHashOf(String signedHash) {
    String[] parts = signedHash.split("\\.", -1);
    return parts.length == 4 ? parts[2] : signedHash;
  }

  private static String scalar(Object value) {
    return value == null || value instanceof Map || value instanceof Iterable
        ? null
        : String.valueOf(value);
  }

  /** The path this file was read from. */
  public Path path() {
    return path;
  }

  /** Whether the file exists and is a version 1 baseline file. */
  public boolean present() {
    return present;
  }

  /**
   * Why an existing file does not count as a baseline file (empty, not a mapping, no {@code
   * version: 1}), completing "the file ..."; empty for a baseline file and for a missing file. The
   * PostHog CLI treats such a file as absent; commands that rely on it should refuse it instead.
   */
  public Optional<String> problem() {
    return Optional.ofNullable(problem);
  }

  /** {@code config.api}: the PostHog host, if set. */
  public Optional<String> api() {
    return Optional.ofNullable(api);
  }

  /** {@code config.team}: the PostHog project id, if set. */
  public Optional<String> team() {
    return Optional.ofNullable(team);
  }

  /** {@code config.repo}: the Visual Review repo id, if set. */
  public Optional<String> repo() {
    return Optional.ofNullable(repo);
  }

  /** Identifier → signed hash, sorted by identifier. */
  public Map<String, String> signedHashes() {
    return signedHashes;
  }

  /** Whether the file has an entry for this identifier. */
  public boolean contains(String identifier) {
    return signedHashes.containsKey(identifier);
  }

  /** The baseline content hash for an identifier, or empty when the file has no entry for it. */
  public Optional<String> contentHash(String identifier) {
    String signed = signedHashes.get(identifier);
    return signed == null ? Optional.empty() : Optional.of(contentHashOf(signed));
  }

  @Override
  public String toString() {
    return "BaselineFile["
        + path
        + (present ? ", " + signedHashes.size() + " snapshots" : ", absent")
        + "]";
  }
}
