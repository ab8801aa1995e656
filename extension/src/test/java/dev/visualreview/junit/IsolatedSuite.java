package dev.visualreview.junit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.Filter;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * A package of fixture classes copied into a class folder of its own and loaded from there, so it
 * is a whole test suite as a build tool would see one: runs it through the JUnit Platform launcher
 * (with the library's listener auto-registered, as under Maven, Gradle or an IDE) and records how
 * the run ended and what it printed.
 */
final class IsolatedSuite {
  private final Path classes;
  private final ClassLoader loader;

  /** What a launcher run left behind. */
  record Outcome(
      Throwable engineFailure,
      Map<String, TestExecutionResult> tests,
      String output,
      List<String> containerFailures) {
    long failedTests() {
      return tests.values().stream()
          .filter(r -> r.getStatus() == TestExecutionResult.Status.FAILED)
          .count();
    }
  }

  /**
   * The package of {@code member} in {@code <work>/module/target/test-classes} of a Maven module.
   */
  IsolatedSuite(Path workDir, Class<?> member) {
    this(workDir, member, "module/target/test-classes", "module/pom.xml");
  }

  /**
   * The package of {@code member} in the class folder {@code classFolder} under {@code workDir},
   * with an empty build file at {@code buildFile} (or none when null).
   */
  IsolatedSuite(Path workDir, Class<?> member, String classFolder, String buildFile) {
    String packageName = member.getPackageName();
    Path source =
        dev.visualreview.run.ModuleLayout.codeSource(member)
            .orElseThrow()
            .resolve(packageName.replace('.', '/'));
    this.classes = workDir.resolve(classFolder);
    Path target = classes.resolve(packageName.replace('.', '/'));
    try {
      Files.createDirectories(target);
      if (buildFile != null) {
        Files.createDirectories(workDir.resolve(buildFile).getParent());
        Files.writeString(workDir.resolve(buildFile), "\n");
      }
      try (Stream<Path> files = Files.list(source)) {
        for (Path file : (Iterable<Path>) files::iterator) {
          Files.copy(file, target.resolve(file.getFileName().toString()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.loader = new ChildFirst(url(classes), IsolatedSuite.class.getClassLoader(), packageName);
  }

  /** The module folder the copied classes belong to ({@code <work>/module}). */
  Path moduleDir() {
    return classes.getParent().getParent();
  }

  Class<?> load(Class<?> member) {
    try {
      return Class.forName(member.getName(), false, loader);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Sets a static field of a copied class. */
  void setStatic(Class<?> member, String field, Object value) {
    try {
      load(member).getField(field).set(null, value);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  Outcome run(
      Map<String, String> parameters,
      List<? extends DiscoverySelector> selectors,
      Filter<?>... filters) {
    List<TestIdentifier> engines = new ArrayList<>();
    Map<String, TestExecutionResult> tests = new java.util.concurrent.ConcurrentHashMap<>();
    List<String> containerFailures = new java.util.concurrent.CopyOnWriteArrayList<>();
    Throwable[] engineFailure = new Throwable[1];
    TestExecutionListener recorder =
        new TestExecutionListener() {
          @Override
          public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            if (id.getParentIdObject().isEmpty()) {
              engines.add(id);
              engineFailure[0] = result.getThrowable().orElse(null);
            } else if (id.isTest()) {
              tests.put(id.getUniqueId(), result);
            } else {
              result
                  .getThrowable()
                  .ifPresent(t -> containerFailures.add(String.valueOf(t.getMessage())));
            }
          }
        };
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream originalOut = System.out;
    Thread thread = Thread.currentThread();
    ClassLoader originalLoader = thread.getContextClassLoader();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    thread.setContextClassLoader(loader);
    try {
      Launcher launcher = LauncherFactory.create();
      launcher.execute(
          LauncherDiscoveryRequestBuilder.request()
              .selectors(List.copyOf(selectors))
              .filters(filters)
              .configurationParameters(parameters)
              .configurationParameter(FixtureGuard.KEY, "true")
              .build(),
          recorder);
    } finally {
      thread.setContextClassLoader(originalLoader);
      System.setOut(originalOut);
    }
    String output = captured.toString(StandardCharsets.UTF_8);
    originalOut.print(output);
    Throwable failure = engineFailure[0];
    while (failure instanceof org.junit.platform.commons.JUnitException
        && failure.getCause() != null) {
      failure = failure.getCause();
    }
    return new Outcome(failure, Map.copyOf(tests), output, List.copyOf(containerFailures));
  }

  Optional<Path> classFolder() {
    return Optional.of(classes);
  }

  private static URL url(Path dir) {
    try {
      return dir.toUri().toURL();
    } catch (MalformedURLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Loads the copied package from the copy, everything else from the test class path. */
  private static final class ChildFirst extends URLClassLoader {
    private final String prefix;

    ChildFirst(URL classes, ClassLoader parent, String packageName) {
      super(new URL[] {classes}, parent);
      this.prefix = packageName + ".";
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (!name.startsWith(prefix)) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> type = findLoadedClass(name);
        if (type == null) {
          type = findClass(name);
        }
        if (resolve) {
          resolveClass(type);
        }
        return type;
      }
    }
  }
}
