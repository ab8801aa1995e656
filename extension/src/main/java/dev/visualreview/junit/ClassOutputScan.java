package dev.visualreview.junit;

import dev.visualreview.run.ModuleLayout;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The visual test classes of a suite: the top-level classes under visual review in the class
 * folders (or jars) the given classes were loaded from. Classes are loaded without being
 * initialised; one that cannot be loaded is not a test class the run could have run.
 */
final class ClassOutputScan {
  /** A class folder bigger than this is not scanned (the run then counts as partial). */
  static final int MAX_CLASSES = 50_000;

  private ClassOutputScan() {}

  static Set<Class<?>> visualClasses(Collection<Class<?>> planned, boolean autodetection) {
    Map<Path, ClassLoader> roots = new LinkedHashMap<>();
    for (Class<?> c : planned) {
      Path root =
          ModuleLayout.codeSource(c)
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "the location of " + c.getName() + " is not a local folder or jar"));
      roots.putIfAbsent(root, c.getClassLoader());
    }
    Set<Class<?>> out = new LinkedHashSet<>();
    for (Map.Entry<Path, ClassLoader> root : roots.entrySet()) {
      for (String name : topLevelClassNames(root.getKey())) {
        Class<?> type = load(name, root.getValue());
        if (type != null && runnable(type) && visual(type, autodetection)) {
          out.add(type);
        }
      }
    }
    return out;
  }

  private static boolean visual(Class<?> type, boolean autodetection) {
    try {
      return VisualClasses.visual(type, autodetection);
    } catch (RuntimeException | LinkageError e) {
      return false; // its annotations or signatures name classes that are not on the class path
    }
  }

  private static Class<?> load(String name, ClassLoader loader) {
    try {
      return Class.forName(name, false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      return null;
    }
  }

  private static boolean runnable(Class<?> type) {
    return !type.isInterface()
        && !type.isAnnotation()
        && !type.isEnum()
        && !Modifier.isAbstract(type.getModifiers());
  }

  static List<String> topLevelClassNames(Path root) {
    List<String> names = new ArrayList<>();
    try {
      if (Files.isDirectory(root)) {
        try (Stream<Path> files = Files.walk(root)) {
          files
              .filter(p -> p.getFileName().toString().endsWith(".class"))
              .map(
                  p ->
                      root.relativize(p)
                          .toString()
                          .replace(root.getFileSystem().getSeparator(), "/"))
              .forEach(relative -> addName(names, relative));
        }
      } else if (Files.isRegularFile(root)) {
        try (JarFile jar = new JarFile(root.toFile())) {
          Enumeration<JarEntry> entries = jar.entries();
          while (entries.hasMoreElements()) {
            String entry = entries.nextElement().getName();
            if (entry.endsWith(".class") && !entry.startsWith("META-INF/")) {
              addName(names, entry);
            }
          }
        }
      } else {
        throw new IllegalStateException("the test classes at " + root + " are missing");
      }
    } catch (IOException e) {
      throw SuiteCoverage.unreadable("the test classes at " + root, e);
    }
    if (names.size() > MAX_CLASSES) {
      throw new IllegalStateException(
          "more than " + MAX_CLASSES + " classes at " + root + " (not scanned)");
    }
    return names;
  }

  private static void addName(List<String> names, String relative) {
    String name = relative.substring(0, relative.length() - ".class".length()).replace('/', '.');
    String simple = name.substring(name.lastIndexOf('.') + 1);
    if (!simple.contains("$") && !simple.equals("module-info") && !simple.equals("package-info")) {
      names.add(name);
    }
  }
}
