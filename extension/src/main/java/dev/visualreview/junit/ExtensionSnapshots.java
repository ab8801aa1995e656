package dev.visualreview.junit;

import dev.visualreview.CaptureOptions;
import dev.visualreview.CapturedSnapshot;
import dev.visualreview.Snapshots;
import dev.visualreview.baseline.SnapshotFileNames;
import dev.visualreview.capture.CapturedImage;
import dev.visualreview.capture.Capturers;
import dev.visualreview.image.ImageHash;
import dev.visualreview.run.IdentifierLedger;
import dev.visualreview.run.Snapshot;
import dev.visualreview.run.SnapshotIdentifiers;
import dev.visualreview.run.config.InvocationNames;
import dev.visualreview.run.config.VisualReviewConfig;

/**
 * The {@link Snapshots} handed to tests. Bound either to one test (injected into a test method or a
 * per-test lifecycle method) or to a class (injected into a constructor or {@code @BeforeAll}), in
 * which case each capture goes to the test running at that moment.
 */
final class ExtensionSnapshots implements Snapshots {
  private final SuiteRegistry registry;
  private final ClassSnapshots testClass;
  private final TestSnapshots boundTest;

  ExtensionSnapshots(SuiteRegistry registry, ClassSnapshots testClass, TestSnapshots boundTest) {
    this.registry = registry;
    this.testClass = testClass;
    this.boundTest = boundTest;
  }

  @Override
  public CapturedSnapshot capture(String name, Object target) {
    return capture(name, target, CaptureOptions.defaults());
  }

  @Override
  public CapturedSnapshot capture(String name, Object target, CaptureOptions options) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException(
          "snapshot name must not be blank: pass a short name such as \"checkout\"");
    }
    if (target == null) {
      throw new IllegalArgumentException(
          "capture(\""
              + name
              + "\", null): pass a Page, Locator, WebDriver, WebElement or PNG bytes");
    }
    TestSnapshots test = boundTest != null ? boundTest : testClass.current();
    TestCoordinates where = test.coordinates();
    if (!registry.enabled()) {
      return new CapturedSnapshot(identifier(where, name, "", ""), "", 0, 0);
    }
    if (options == null) {
      throw new IllegalArgumentException(
          "capture(\"" + name + "\", target, null): pass CaptureOptions.defaults() or omit it");
    }
    String template = registry.config().identifierTemplate();
    // Fail on a template that cannot give an identifier before spending time on a screenshot.
    String identifier =
        SnapshotIdentifiers.needsBrowser(template) ? null : identifier(where, name, "", "");
    CapturedImage image = Capturers.capture(target, options, name);
    if (identifier == null) {
      identifier =
          identifier(
              where,
              name,
              BrowserName.engine(image.metadata()),
              BrowserName.browser(image.metadata()));
    }
    byte[] png = image.png();
    ImageHash hash = registry.hash(png);
    registry
        .ledger()
        .claim(
            identifier,
            name,
            new IdentifierLedger.Owner(where.group(), where.attempt(), where.source()));
    Snapshot snapshot =
        new Snapshot(
            identifier,
            png,
            hash.contentHash(),
            hash.width(),
            hash.height(),
            image.metadata().asMap(),
            where.source());
    test.add(new TestSnapshots.Captured(registry.nextSequence(), snapshot));
    registry.session(); // opens the backend in the background while the test goes on
    registry
        .attachments()
        .publishPng(test.context(), SnapshotFileNames.stem(identifier) + ".png", png);
    return new CapturedSnapshot(identifier, hash.contentHash(), hash.width(), hash.height());
  }

  /**
   * The identifier of a capture. With {@code visualreview.invocationNames=auto}, an identifier
   * whose earlier form (index instead of arguments, raw display name) has a baseline and whose
   * current form has none keeps the earlier form, so upgrading does not orphan baselines.
   */
  private String identifier(TestCoordinates where, String name, String engine, String browser) {
    VisualReviewConfig config = registry.config();
    String template = config.identifierTemplate();
    SnapshotIdentifiers.Parts legacyParts = where.legacyParts(name).withBrowser(engine, browser);
    if (config.invocationNames() == InvocationNames.INDEX) {
      return SnapshotIdentifiers.render(template, legacyParts);
    }
    String identifier =
        SnapshotIdentifiers.render(template, where.parts(name).withBrowser(engine, browser));
    if (config.invocationNames() == InvocationNames.AUTO) {
      String legacy = SnapshotIdentifiers.render(template, legacyParts);
      if (!legacy.equals(identifier)
          && registry.knownBaselines().has(legacy)
          && !registry.knownBaselines().has(identifier)) {
        return legacy;
      }
    }
    return identifier;
  }

  @Override
  public String toString() {
    return "Snapshots[" + (boundTest != null ? boundTest.coordinates().source() : "class") + "]";
  }
}
