package dev.visualreview.run;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The module a suite's tests belong to, so baselines and reports are found whatever the working
 * directory (an IDE may start tests from the repository root of a multi-module build). Found from
 * where the test classes were compiled to ({@code target/test-classes} under Maven, {@code
 * build/classes/java/test} under Gradle, {@code out/test/classes} and {@code bin/test} from IDEs,
 * or the nearest folder with a build file), else from Surefire's {@code basedir} system property,
 * else it is the working directory, and {@link #guessed()} says so.
 *
 * @param dir the module's folder: relative baseline and report paths are resolved against it
 * @param outputDir the build tool's output folder ({@code target} under Maven, {@code build} under
 *     Gradle): the report and the suite lock go there by default
 * @param evidence how the module was found, for messages
 * @param guessed whether nothing pointed at a module and the working directory was taken
 */
public record ModuleLayout(Path dir, Path outputDir, String evidence, boolean guessed) {
  private static final List<String> MAVEN_FILES = List.of("pom.xml");
  private static final List<String> GRADLE_FILES =
      List.of("build.gradle", "build.gradle.kts", "settings.gradle", "settings.gradle.kts");

  /**
   * Finds the module.
   *
   * @param testClasses where the first test class was loaded from (its code source), if known
   * @param basedir Surefire's {@code basedir} system property, if set
   * @param workingDir the working directory
   */
  public static ModuleLayout locate(
      Optional<Path> testClasses, Optional<String> basedir, Path workingDir) {
    if (testClasses.isPresent()) {
      Optional<ModuleLayout> found = fromClasses(testClasses.get().toAbsolutePath().normalize());
      if (found.isPresent()) {
        return found.get();
      }
    }
    if (basedir.isPresent() && !basedir.get().isBlank()) {
      Path dir = Path.of(basedir.get()).toAbsolutePath().normalize();
      if (Files.isDirectory(dir)) {
        return new ModuleLayout(
            dir, outputOf(dir, null), "the basedir system property (" + dir + ")", false);
      }
    }
    Path dir = workingDir.toAbsolutePath().normalize();
    return new ModuleLayout(
        dir,
        outputOf(dir, null),
        testClasses
            .map(p -> "the test classes at " + p + " are not in a Maven or Gradle module")
            .orElse("the location of the test classes is not known"),
        true);
  }

  /** The folder of a class's code source (a class folder or a jar), if it is a local file. */
  public static Optional<Path> codeSource(Class<?> type) {
    try {
      var domain = type.getProtectionDomain();
      var source = domain == null ? null : domain.getCodeSource();
      URL location = source == null ? null : source.getLocation();
      if (location == null || !"file".equals(location.getProtocol())) {
        return Optional.empty();
      }
      return Optional.of(Path.of(location.toURI()));
    } catch (URISyntaxException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static Optional<ModuleLayout> fromClasses(Path classes) {
    String evidence = "the test classes at " + classes;
    // Maven: <module>/target/test-classes (or a jar in target/)
    Path parent = classes.getParent();
    if (parent != null && name(parent).equals("target") && parent.getParent() != null) {
      Path module = parent.getParent();
      return Optional.of(new ModuleLayout(module, outputOf(module, parent), evidence, false));
    }
    // Gradle: <module>/build/classes/<language>/<source set>
    Path build = ancestor(classes, 3);
    if (build != null
        && name(build).equals("build")
        && name(ancestor(classes, 2)).equals("classes")
        && build.getParent() != null) {
      Path module = build.getParent();
      return Optional.of(new ModuleLayout(module, outputOf(module, build), evidence, false));
    }
    // IntelliJ's own build: <module>/out/test/classes; Eclipse: <module>/bin/test
    Path out = ancestor(classes, 2);
    if (out != null && name(out).equals("out") && out.getParent() != null) {
      Path module = out.getParent();
      return Optional.of(new ModuleLayout(module, outputOf(module, out), evidence, false));
    }
    if (parent != null && name(parent).equals("bin") && parent.getParent() != null) {
      Path module = parent.getParent();
      return Optional.of(new ModuleLayout(module, outputOf(module, null), evidence, false));
    }
    // Anything else: the nearest folder with a build file
    for (Path dir = classes.getParent(); dir != null; dir = dir.getParent()) {
      if (hasAny(dir, MAVEN_FILES) || hasAny(dir, GRADLE_FILES)) {
        return Optional.of(new ModuleLayout(dir, outputOf(dir, null), evidence, false));
      }
    }
    return Optional.empty();
  }

  /**
   * The build tool's output folder of a module: {@code build} for a Gradle module, {@code target}
   * for a Maven one, else the folder the classes were found in, else {@code target}.
   */
  private static Path outputOf(Path module, Path seen) {
    if (hasAny(module, GRADLE_FILES) && !hasAny(module, MAVEN_FILES)) {
      return module.resolve("build");
    }
    if (hasAny(module, MAVEN_FILES)) {
      return module.resolve("target");
    }
    if (seen != null && (name(seen).equals("target") || name(seen).equals("build"))) {
      return seen;
    }
    return module.resolve("target");
  }

  private static boolean hasAny(Path dir, List<String> files) {
    for (String file : files) {
      if (Files.isRegularFile(dir.resolve(file))) {
        return true;
      }
    }
    return false;
  }

  private static Path ancestor(Path p, int levels) {
    Path out = p;
    for (int i = 0; i < levels && out != null; i++) {
      out = out.getParent();
    }
    return out;
  }

  private static String name(Path p) {
    return p == null || p.getFileName() == null ? "" : p.getFileName().toString();
  }
}
