package dev.visualreview.capture;

import dev.visualreview.CaptureOptions;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The stable capture of a browser page, the same for every engine: before the first screenshot one
 * page script waits for web fonts, makes the temporary page changes ({@link PageChanges}) and
 * starts the quiet-page watch; after it one script proves the page stayed quiet (and, if so, undoes
 * the changes at once); {@link StableCapture} decides whether to retake. The changes are always
 * undone, also when the capture fails, unless the page stopped answering.
 */
public final class PageCapture {
  private static final String WHILE_SCREENSHOT = " while the screenshot was taken";

  private final PageSession session;
  private final CaptureOptions options;
  private final String name;
  private final PageChanges changes;
  private PageFacts facts;
  private boolean changesSent;
  private boolean applied;
  private boolean undone;

  private PageCapture(PageSession session, CaptureOptions options, String name) {
    this.session = session;
    this.options = options;
    this.name = name;
    this.changes = session.changes(options);
  }

  /** Captures the session's target with the options. */
  public static CapturedImage run(PageSession session, CaptureOptions options, String name) {
    if (options.waitForNetworkIdle()) {
      session.waitForNetworkIdle();
    }
    return new PageCapture(session, options, name).run();
  }

  private CapturedImage run() {
    Throwable failure = null;
    try {
      StableCapture.Result result = StableCapture.take(this::shoot, options, name);
      return new CapturedImage(
          result.png(),
          CaptureMetadata.ofBrowser(session.browser(facts), facts, options, result.attempts()));
    } catch (RuntimeException | Error e) {
      failure = e;
      throw e;
    } finally {
      if (!session.unresponsive()) {
        if (changesSent && applied && !undone) {
          undo(failure);
        }
        session.close(failure);
      }
    }
  }

  /**
   * One screenshot; the first one also waits for fonts and makes the page changes. A first
   * screenshot with a quiet-page proof makes only the changes the page needs (none on a calm page
   * without masks or user style, which is then left untouched); if the proof then fails, the
   * changes are made before the next screenshot.
   */
  private Screenshotter.Shot shoot(boolean proveQuiet) {
    boolean first = facts == null;
    if (first || proveQuiet) {
      prepare(first, proveQuiet, first ? changes.argument(proveQuiet) : null);
    } else if (!applied) {
      prepare(false, false, changes.argument(false));
    }
    byte[] png = session.screenshot(facts, proveQuiet);
    boolean quiet = false;
    if (proveQuiet) {
      Map<String, Object> argument = new LinkedHashMap<>();
      // Without the engine's caret hiding or the injected style nothing hides a caret: a focused
      // editable element then fails the proof.
      argument.put("hideCaret", options.hideCaret() && (session.hidesCaret() || applied));
      // The engine's own caret hiding restyles inputs during its screenshot (Playwright).
      argument.put("engineHidesCaret", options.hideCaret() && session.hidesCaret());
      argument.put("undoIfQuiet", true);
      Map<?, ?> finished = session.evaluate(PageScripts.FINISH, argument, WHILE_SCREENSHOT);
      quiet = Boolean.TRUE.equals(finished.get("quiet"));
      undone |= Boolean.TRUE.equals(finished.get("undone"));
    }
    return new Screenshotter.Shot(png, quiet);
  }

  private void prepare(boolean first, boolean watch, Map<String, Object> pageChanges) {
    boolean waitForFonts = first && options.waitForFonts();
    long fontsTimeout = waitForFonts ? options.timeout().toMillis() : -1;
    Map<String, Object> argument = new LinkedHashMap<>();
    // Whole numbers as int: Playwright's page.evaluate does not take a Long.
    argument.put("fontsTimeoutMs", asInt(fontsTimeout));
    argument.put("fontsProbeMs", asInt(waitForFonts ? session.fontsProbeMillis() : -1));
    argument.put("hideCaret", options.hideCaret());
    argument.put("watch", watch);
    argument.put("changes", pageChanges);
    changesSent |= pageChanges != null;
    PageFacts prepared = prepared(argument);
    if (prepared.fontsPending()) {
      // The probe ended first: the full wait, as long as the engine lets a script run.
      fontsTimeout = session.fontsWaitMillis(fontsTimeout);
      argument.put("fontsTimeoutMs", asInt(fontsTimeout));
      argument.put("fontsProbeMs", -1);
      prepared = prepared(argument);
    }
    facts = prepared;
    applied |= prepared.applied();
    if (!prepared.fontsLoaded()) {
      throw CaptureFailures.fontsStillLoading(name, fontsTimeout);
    }
  }

  private PageFacts prepared(Map<String, Object> argument) {
    Map<?, ?> result = session.evaluate(PageScripts.PREPARE, argument, "");
    if (!result.containsKey("fontsLoaded") && !result.containsKey("fontsPending")) {
      // Assume the changes were made: the undo then runs, and finds nothing if they were not.
      applied |= argument.get("changes") != null;
      throw CaptureFailures.of(name, "preparing the page failed: the page script returned nothing");
    }
    return PageFacts.of(result);
  }

  private static int asInt(long millis) {
    return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, millis));
  }

  private void undo(Throwable failure) {
    try {
      session.evaluate(PageScripts.UNDO, Map.of(), "");
    } catch (RuntimeException e) {
      if (failure == null) {
        throw e;
      }
      failure.addSuppressed(e);
    }
  }
}
