package dev.visualreview.baseline;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Loads the YAML of a baseline file with bounded cost, because a small hostile file can otherwise
 * take gigabytes and minutes (a 744-byte file whose alias is a mapping key expands to a 200 MB
 * key). The bounds, each refused with a message naming the file and the limit:
 *
 * <ul>
 *   <li>no aliases at all ({@code *name}): a baseline file never needs one, and every YAML bomb
 *       (billion laughs, an alias as a mapping key) is built from them;
 *   <li>nesting at most {@link BaselineFile#MAX_NESTING} collections deep (a baseline file nests
 *       3);
 *   <li>the size, checked by the caller before parsing ({@link BaselineFile#MAX_FILE_BYTES}), and
 *       as SnakeYAML's code point limit;
 *   <li>a deadline for the whole parse, checked each time the scanner reads more text.
 * </ul>
 *
 * Only SnakeYAML's safe constructor is used: no tag creates an object other than maps, lists,
 * strings, numbers, booleans and dates.
 */
final class BoundedYaml {
  private BoundedYaml() {}

  /**
   * The document in {@code yaml}, or null for an empty stream.
   *
   * @throws BaselineFileException naming {@code path}, the line and the fix
   */
  static Object load(String yaml, Path path, Duration deadline) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(0);
    options.setAllowRecursiveKeys(false);
    options.setNestingDepthLimit(BaselineFile.MAX_NESTING);
    options.setCodePointLimit(BaselineFile.MAX_FILE_BYTES);
    Reader reader = new DeadlineReader(new StringReader(yaml), deadline);
    Parser parser = new AliasRefusingParser(new ParserImpl(new StreamReader(reader), options));
    SafeConstructor constructor = new SafeConstructor(options);
    constructor.setAllowDuplicateKeys(false); // org.yaml.snakeyaml.Yaml copies it too
    constructor.setComposer(new Composer(parser, new Resolver(), options));
    try {
      return constructor.getSingleData(Object.class);
    } catch (AliasFound e) {
      throw refused(
          path,
          "uses the YAML alias '*"
              + e.alias
              + "' at line "
              + e.line
              + ": a baseline file never needs aliases, and they can make a small file expand"
              + " to gigabytes. Restore the file with `git checkout -- "
              + path
              + "`; PostHog writes it without aliases");
    } catch (TooSlow e) {
      throw refused(
          path,
          "took longer than "
              + deadline.toSeconds()
              + " s to parse, so it was abandoned. A baseline file of"
              + " 20,000 snapshots parses in a few seconds; restore the file from git");
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
              + shortened(problem)
              + ": fix the file (often an unresolved merge conflict) or restore it with"
              + " `git checkout -- "
              + path
              + "`; PostHog rewrites it when a run is approved",
          e);
    } catch (YAMLException e) {
      String message = String.valueOf(e.getMessage());
      if (message.toLowerCase(Locale.ROOT).contains("nesting depth")) {
        throw refused(
            path,
            "nests deeper than "
                + BaselineFile.MAX_NESTING
                + " levels (a baseline file nests 3): restore the file from git");
      }
      throw new BaselineFileException(
          "baseline file "
              + path
              + " is not valid YAML: "
              + shortened(message)
              + ": fix the file or restore it from git",
          e);
    }
  }

  private static BaselineFileException refused(Path path, String why) {
    return new BaselineFileException("baseline file " + path + " was refused: it " + why, null);
  }

  /** SnakeYAML's messages can quote a key of any size (a duplicate key, for one). */
  private static String shortened(String text) {
    return text.length() <= 300 ? text : text.substring(0, 300) + "… (shortened)";
  }

  /** Stops at the first alias, before the composer can expand it. */
  private static final class AliasRefusingParser implements Parser {
    private final Parser parser;

    AliasRefusingParser(Parser parser) {
      this.parser = parser;
    }

    @Override
    public boolean checkEvent(Event.ID choice) {
      return parser.checkEvent(choice);
    }

    @Override
    public Event peekEvent() {
      return refuseAliases(parser.peekEvent());
    }

    @Override
    public Event getEvent() {
      return refuseAliases(parser.getEvent());
    }

    private static Event refuseAliases(Event event) {
      if (event instanceof AliasEvent alias) {
        Mark mark = alias.getStartMark();
        throw new AliasFound(alias.getAnchor(), mark == null ? 0 : mark.getLine() + 1);
      }
      return event;
    }
  }

  private static final class AliasFound extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final String alias;
    final int line;

    AliasFound(String alias, int line) {
      super(null, null, false, false);
      this.alias = alias;
      this.line = line;
    }
  }

  private static final class TooSlow extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TooSlow() {
      super(null, null, false, false);
    }
  }

  /** The scanner reads about a kilobyte at a time: each read checks the clock. */
  private static final class DeadlineReader extends Reader {
    private final Reader in;
    private final long deadline;

    DeadlineReader(Reader in, Duration limit) {
      this.in = in;
      this.deadline = System.nanoTime() + limit.toNanos();
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
      if (System.nanoTime() - deadline > 0) {
        throw new TooSlow();
      }
      return in.read(buffer, offset, length);
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
