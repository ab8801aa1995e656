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
    String identifier =
        SnapshotIdentifiers.render(registry.config().identifierTemplate(), where.parts(name));
    if (!registry.enabled()) {
      return new CapturedSnapshot(identifier, "", 0, 0);
    }
    if (options == null) {
      throw new IllegalArgumentException(
          "capture(\"" + name + "\", target, null): pass CaptureOptions.defaults() or omit it");
    }
    CapturedImage image = Capturers.capture(target, options, name);
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
            image.metadata(),
            where.source());
    test.add(new TestSnapshots.Captured(registry.nextSequence(), snapshot));
    registry.session(); // opens the backend in the background while the test goes on
    registry
        .attachments()
        .publishPng(test.context(), SnapshotFileNames.stem(identifier) + ".png", png);
    return new CapturedSnapshot(identifier, hash.contentHash(), hash.width(), hash.height());
  }

  @Override
  public String toString() {
    return "Snapshots[" + (boundTest != null ? boundTest.coordinates().source() : "class") + "]";
  }
}
