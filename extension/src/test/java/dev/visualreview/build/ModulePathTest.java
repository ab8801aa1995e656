package dev.visualreview.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visualreview.image.ContentHash;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library works as a module, not only on the class path: with {@code dev.visualreview} and its
 * dependencies on the module path, the module graph resolves, the CLI runs, and a JUnit run of a
 * {@code @VisualReview} class finds the extension (opened to JUnit) and the listener (a provided
 * service), captures, and writes its baseline and report. The Maven build runs the other tests on
 * the class path.
 */
class ModulePathTest {
  /** A class of each module the library needs at run time, or JUnit needs to run a test. */
  private static final List<String> MODULE_ANCHORS =
      List.of(
          "org.junit.jupiter.api.Test",
          "org.opentest4j.AssertionFailedError",
          "org.junit.platform.commons.support.AnnotationSupport",
          "org.apiguardian.api.API",
          "org.jspecify.annotations.Nullable",
          "org.junit.platform.engine.TestEngine",
          "org.junit.platform.launcher.Launcher",
          "org.junit.jupiter.engine.JupiterTestEngine",
          "com.fasterxml.jackson.databind.ObjectMapper",
          "com.fasterxml.jackson.core.JsonFactory",
          "com.fasterxml.jackson.annotation.JsonProperty",
          "org.yaml.snakeyaml.Yaml");

  /** Generous: a JVM start and a small JUnit run on a machine busy with other builds. */
  private static final long PROCESS_TIMEOUT_MINUTES = 5;

  private static String modulePath() throws Exception {
    Set<String> entries = new LinkedHashSet<>();
    entries.add(ModuleDescriptorTest.libraryLocation().toString());
    for (String anchor : MODULE_ANCHORS) {
      Class<?> type;
      try {
        type = Class.forName(anchor, false, ModulePathTest.class.getClassLoader());
      } catch (ClassNotFoundException optionalAnnotationsOfJUnit) {
        continue;
      }
      entries.add(
          Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
    }
    return String.join(File.pathSeparator, entries);
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private record Run(int exitCode, String output) {}

  private static Run run(Path workDir, List<String> command) throws Exception {
    Path log = workDir.resolve("process-" + System.nanoTime() + ".log");
    Process process =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    if (!process.waitFor(PROCESS_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
      process.destroyForcibly().waitFor();
      throw new AssertionError(
          "no answer in " + PROCESS_TIMEOUT_MINUTES + " min from " + command + ":\n" + read(log));
    }
    return new Run(process.exitValue(), read(log));
  }

  private static String read(Path log) throws Exception {
    return Files.readString(log, StandardCharsets.UTF_8);
  }

  private static byte[] png() throws Exception {
    BufferedImage image = new BufferedImage(4, 3, BufferedImage.TYPE_INT_ARGB);
    image.setRGB(1, 2, 0xFF336699);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }

  @Test
  void theModuleGraphResolvesAndTheCliRunsFromTheModulePath(@TempDir Path dir) throws Exception {
    byte[] png = png();
    Path file = Files.write(dir.resolve("shot.png"), png);
    String modulePath = modulePath();

    Run validation = run(dir, List.of(java(), "--module-path", modulePath, "--validate-modules"));
    assertThat(validation.exitCode()).as(validation.output()).isZero();

    Run hash =
        run(
            dir,
            List.of(
                java(),
                "--module-path",
                modulePath,
                "-m",
                "dev.visualreview/dev.visualreview.cli.Main",
                "hash",
                file.toString()));
    assertThat(hash.exitCode()).as(hash.output()).isZero();
    assertThat(hash.output()).startsWith(ContentHash.of(png).contentHash() + "  ");
  }

  private static final String SCREENS =
      """
      package modcheck;

      import dev.visualreview.CapturedSnapshot;
      import dev.visualreview.Snapshots;
      import dev.visualreview.StableScreenshot;
      import dev.visualreview.VisualReview;
      import java.awt.image.BufferedImage;

      @VisualReview
      class Screens {
        @org.junit.jupiter.api.Test
        void square(Snapshots snapshots) {
          BufferedImage image = new BufferedImage(5, 5, BufferedImage.TYPE_INT_ARGB);
          image.setRGB(2, 2, 0xFFCC0000);
          CapturedSnapshot captured = snapshots.capture("square", image);
          String hash = StableScreenshot.of(image).contentHash();
          if (!hash.equals(captured.contentHash())) {
            throw new AssertionError(hash + " != " + captured.contentHash());
          }
          System.out.println("captured " + captured.identifier() + " " + hash);
        }
      }
      """;

  private static final String LAUNCH =
      """
      package modcheck;

      import org.junit.platform.engine.discovery.DiscoverySelectors;
      import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
      import org.junit.platform.launcher.core.LauncherFactory;
      import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
      import org.junit.platform.launcher.listeners.TestExecutionSummary;

      public class Launch {
        public static void main(String[] args) {
          SummaryGeneratingListener listener = new SummaryGeneratingListener();
          LauncherFactory.create()
              .execute(
                  LauncherDiscoveryRequestBuilder.request()
                      .selectors(DiscoverySelectors.selectClass(Screens.class))
                      .build(),
                  listener);
          TestExecutionSummary summary = listener.getSummary();
          summary.printFailuresTo(new java.io.PrintWriter(System.out, true), 20);
          System.out.println(
              "succeeded=" + summary.getTestsSucceededCount()
                  + " failed=" + summary.getTotalFailureCount());
          System.exit(summary.getTotalFailureCount() == 0 ? 0 : 1);
        }
      }
      """;

  @Test
  void aJUnitRunUsesTheExtensionAndTheListenerFromTheModulePath(@TempDir Path dir)
      throws Exception {
    String modulePath = modulePath();
    Path sources = Files.createDirectories(dir.resolve("src/modcheck"));
    Files.writeString(sources.resolve("Screens.java"), SCREENS);
    Files.writeString(sources.resolve("Launch.java"), LAUNCH);
    Path classes = dir.resolve("classes");
    List<String> javac = new ArrayList<>();
    javac.addAll(
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "javac").toString(),
            "--module-path",
            modulePath,
            "--add-modules",
            "ALL-MODULE-PATH",
            "-proc:none",
            "-d",
            classes.toString()));
    try (Stream<Path> files = Files.list(sources)) {
      files.forEach(f -> javac.add(f.toString()));
    }
    Run compiled = run(dir, javac);
    assertThat(compiled.exitCode()).as(compiled.output()).isZero();

    Run run =
        run(
            dir,
            List.of(
                java(),
                "--module-path",
                modulePath,
                "--add-modules",
                "ALL-MODULE-PATH",
                "-cp",
                classes.toString(),
                "-Dvisualreview.mode=local",
                "-Dvisualreview.update=missing",
                "-Dvisualreview.baselineDir=" + dir.resolve("baselines"),
                "-Dvisualreview.reportDir=" + dir.resolve("report"),
                "-Dvisualreview.cache.dir=" + dir.resolve("cache"),
                "-Dvisualreview.internal.environment=empty",
                "modcheck.Launch"));

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output())
        .as("the test ran and captured")
        .contains("succeeded=1 failed=0")
        .contains("captured Screens--square--square ");
    assertThat(run.output())
        .as("the listener, a service provided by the module, reported the verdict")
        .containsPattern("(?m)^Visual review: \\S+ — report: ");
    try (Stream<Path> baselines = Files.walk(dir.resolve("baselines"))) {
      assertThat(baselines.filter(p -> p.toString().endsWith(".png")))
          .as("the new snapshot's baseline")
          .hasSize(1);
    }
    assertThat(dir.resolve("report").resolve("index.html")).exists();
  }
}
