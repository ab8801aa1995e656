package dev.visualreview.baseline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

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
  private static final int MAX_FILE_BYTES = 64 * 1024 * 1024;

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
   * @throws BaselineFileException when the file exists but is not parseable YAML or unreadable
   */
  public static BaselineFile read(Path path) {
    String text;
    try {
      if (Files.isRegularFile(path) && Files.size(path) > MAX_FILE_BYTES) {
        throw new BaselineFileException(
            "baseline file "
                + path
                + " is larger than 64 MiB: point the baseline setting at the snapshots.yml"
                + " PostHog writes",
            null);
      }
      text = Files.readString(path, StandardCharsets.UTF_8);
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
    return parse(text, path);
  }

  /**
   * Parses baseline YAML; {@code path} only names the source in messages and {@link #path()}.
   *
   * @throws BaselineFileException when the text is not parseable YAML
   */
  public static BaselineFile parse(String yaml, Path path) {
    Object document;
    try {
      document = newYaml().load(yaml);
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      String where = mark == null ? "" : " at line " + (mark.getLine() + 1);
      String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
      throw new BaselineFileException(
          "baseline file "
              + path
              + " is not valid YAML"
              + where
              + ": "
              + problem
              + ": fix the file (often an unresolved merge conflict) or restore it with"
              + " `git checkout -- "
              + path
              + "`; PostHog rewrites it when a run is approved",
          e);
    } catch (YAMLException e) {
      throw new BaselineFileException(
          "baseline file "
              + path
              + " is not valid YAML: "
              + e.getMessage()
              + ": fix the file or restore it from git",
          e);
    }
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
        if (entry.getKey() != null
            && entry.getValue() instanceof Map<?, ?> value
            && value.get("hash") instanceof String hash) {
          hashes.put(String.valueOf(entry.getKey()), hash);
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

  private static Yaml newYaml() {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(50);
    options.setAllowRecursiveKeys(false);
    options.setCodePointLimit(MAX_FILE_BYTES);
    return new Yaml(new SafeConstructor(options));
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
