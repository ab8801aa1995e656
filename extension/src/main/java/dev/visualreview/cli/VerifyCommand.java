package dev.visualreview.cli;

import dev.visualreview.baseline.BaselineFile;
import dev.visualreview.image.HashCache;
import dev.visualreview.image.InvalidImageException;
import dev.visualreview.storage.CacheLocation;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Collator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * {@code verify --dir DIR --baseline FILE}: compares the PNGs in a directory with {@code
 * snapshots.yml} without any network, as the PostHog CLI's {@code vr verify} does
 * (visual-review-api.md 9.1): identifiers from file names (9.3), exact content-hash comparison, the
 * same messages and exit codes. Like the newest PostHog CLI, every line goes to stderr. Unlike it,
 * two files that map to the same identifier are an error instead of a silent race.
 */
final class VerifyCommand implements Command {
  static final String USAGE = "usage: java -jar visual-review.jar verify --dir DIR --baseline FILE";

  /** Flags the PostHog CLI accepts on every command; verify needs no server, so they are unused. */
  private static final Set<String> IGNORED_FLAGS =
      Set.of("--api", "--team", "--repo", "--token", "--cookie");

  private final Map<String, String> env;

  /** A command that finds the hash cache through {@code env} ({@link CacheLocation}). */
  VerifyCommand(Map<String, String> env) {
    this.env = env;
  }

  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) {
    Map<String, String> flags = new HashMap<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      String name = arg;
      String value = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        name = arg.substring(0, eq);
        value = arg.substring(eq + 1);
      }
      if (!name.equals("--dir") && !name.equals("--baseline") && !IGNORED_FLAGS.contains(name)) {
        err.println("verify: unknown argument '" + arg + "'\n" + USAGE);
        return FAILURE;
      }
      if (value == null) {
        if (i + 1 >= args.size()) {
          err.println("verify: " + name + " needs a value\n" + USAGE);
          return FAILURE;
        }
        value = args.get(++i);
      }
      flags.put(name, value);
    }
    if (!flags.containsKey("--dir") || !flags.containsKey("--baseline")) {
      err.println("verify: --dir and --baseline are required\n" + USAGE);
      return FAILURE;
    }
    return verify(Path.of(flags.get("--dir")), Path.of(flags.get("--baseline")), err);
  }

  private int verify(Path dir, Path baselinePath, PrintStream err) {
    Map<String, Path> files = scan(dir);
    if (files.isEmpty()) {
      err.println("No PNGs found in directory");
      return CHANGES;
    }
    BaselineFile baseline = BaselineFile.read(baselinePath);
    if (baseline.signedHashes().isEmpty()) {
      err.println("No baseline hashes found — run `vr submit` on a PR first");
      return CHANGES;
    }
    err.println(
        "Found "
            + files.size()
            + " snapshots, verifying against "
            + baseline.signedHashes().size()
            + " baselines...");

    // Every PNG is read, new ones too: an unreadable file is a failure (exit 2), not "new".
    CacheLocation cache = CacheLocation.of(Optional.empty(), env, System.getProperty("user.home"));
    HashCache hashes = HashCache.open(cache.hashes(), cache.secretFor(cache.hashes()));
    Map<String, String> actual = new HashMap<>();
    List<String> unreadable = new ArrayList<>();
    for (Map.Entry<String, Path> e : files.entrySet()) {
      try {
        actual.put(e.getKey(), hash(hashes, e.getValue()));
      } catch (InvalidImageException | UncheckedIOException | OutOfMemoryError problem) {
        unreadable.add("verify: " + problem.getMessage());
      }
    }
    if (!unreadable.isEmpty()) {
      unreadable.forEach(err::println);
      err.println(
          unreadable.size()
              + " of "
              + files.size()
              + " PNG(s) could not be read: nothing was compared. Replace or delete them.");
      return FAILURE;
    }
    List<String> unchanged = new ArrayList<>();
    List<String> changed = new ArrayList<>();
    List<String> added = new ArrayList<>();
    for (Map.Entry<String, Path> e : files.entrySet()) {
      Optional<String> expected = baseline.contentHash(e.getKey());
      if (expected.isEmpty()) {
        added.add(e.getKey());
      } else if (expected.get().equals(actual.get(e.getKey()))) {
        unchanged.add(e.getKey());
      } else {
        changed.add(e.getKey());
      }
    }
    List<String> removed =
        baseline.signedHashes().keySet().stream().filter(id -> !files.containsKey(id)).toList();
    removed = sorted(removed);

    err.println(
        "\n"
            + files.size()
            + " snapshots — "
            + unchanged.size()
            + " unchanged, "
            + changed.size()
            + " changed, "
            + added.size()
            + " new, "
            + removed.size()
            + " removed");
    list(err, "Changed:", changed);
    list(err, "New:", added);
    list(err, "Removed:", removed);
    if (changed.isEmpty() && added.isEmpty() && removed.isEmpty()) {
      err.println("All snapshots match baseline");
      return OK;
    }
    err.println("Baseline mismatch — submit a PR to update baselines");
    return CHANGES;
  }

  /**
   * Identifier → file for every PNG under {@code dir}, in the PostHog CLI's order.
   *
   * @throws DuplicateIdentifier when two files map to one identifier
   */
  private static Map<String, Path> scan(Path dir) {
    if (!Files.isDirectory(dir)) {
      return Map.of();
    }
    Map<String, Path> byId = new TreeMap<>(VerifyCommand::localeOrder);
    Map<String, Path> exact = new HashMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) walk.sorted()::iterator) {
        String name = p.getFileName().toString();
        if (!Files.isRegularFile(p) || !name.toLowerCase(Locale.ROOT).endsWith(".png")) {
          continue;
        }
        String id = identifierOf(name);
        Path previous = exact.putIfAbsent(id, p);
        if (previous != null) {
          throw new DuplicateIdentifier(id, previous, p);
        }
        byId.put(id, p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read directory " + dir + ": " + e.getMessage(), e);
    }
    return byId;
  }

  /** The PostHog CLI's identifier: file name without its last extension, unsafe chars → '-'. */
  static String identifierOf(String fileName) {
    int dot = fileName.lastIndexOf('.');
    String stem = dot > 0 ? fileName.substring(0, dot) : fileName;
    return stem.replaceAll("[^A-Za-z0-9_-]", "-");
  }

  private static String hash(HashCache hashes, Path file) {
    try {
      return hashes.hashOf(Files.readAllBytes(file)).contentHash();
    } catch (InvalidImageException e) {
      throw new InvalidImageException(file + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    } catch (OutOfMemoryError e) {
      throw new OutOfMemoryError(file + ": too large to decode in this JVM's memory (-Xmx)");
    }
  }

  private static List<String> sorted(List<String> ids) {
    List<String> copy = new ArrayList<>(ids);
    copy.sort(VerifyCommand::localeOrder);
    return copy;
  }

  /** Like JavaScript's {@code localeCompare}, with code-point order breaking ties. */
  private static int localeOrder(String a, String b) {
    int c = Collator.getInstance(Locale.ROOT).compare(a, b);
    return c != 0 ? c : a.compareTo(b);
  }

  private static void list(PrintStream err, String title, List<String> ids) {
    if (!ids.isEmpty()) {
      err.println(title);
      for (String id : ids) {
        err.println("  - " + id);
      }
    }
  }

  /** Two files with one identifier: the server would keep whichever row came first. */
  static final class DuplicateIdentifier extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    DuplicateIdentifier(String id, Path first, Path second) {
      super(
          "duplicate identifier '"
              + id
              + "': "
              + first
              + " and "
              + second
              + " both map to it (the directory is not part of the identifier): rename one, or"
              + " delete stale PNGs before capturing");
    }
  }
}
