package dev.visualreview.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visualreview.VisualReview;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReader;
import java.lang.module.ModuleReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The compiled module descriptor is the public API decision: it exports the API packages and
 * nothing else, opens only what frameworks reach reflectively, and declares every service the jar
 * registers in {@code META-INF/services} (which the module path ignores).
 */
class ModuleDescriptorTest {
  static final String MODULE = "dev.visualreview";

  /** The library as built: the classes folder during the build, or the jar. */
  static Path libraryLocation() throws Exception {
    return Path.of(VisualReview.class.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  static ModuleReference library() throws Exception {
    Path location = libraryLocation();
    return ModuleFinder.of(location)
        .find(MODULE)
        .orElseThrow(() -> new AssertionError("no module " + MODULE + " in " + location));
  }

  @Test
  void exportsExactlyTheApiPackages() throws Exception {
    ModuleDescriptor descriptor = library().descriptor();

    assertThat(descriptor.isAutomatic())
        .as("a real module descriptor, not a derived one")
        .isFalse();
    assertThat(descriptor.name()).isEqualTo(MODULE);
    assertThat(descriptor.exports())
        .extracting(export -> export.source() + (export.isQualified() ? " to " : ""))
        .containsExactlyInAnyOrder("dev.visualreview", "dev.visualreview.browsers");
  }

  @Test
  void opensOnlyToTheFrameworksThatNeedIt() throws Exception {
    Map<String, Set<String>> opens = new TreeMap<>();
    for (ModuleDescriptor.Opens open : library().descriptor().opens()) {
      opens.put(open.source(), open.targets());
    }

    assertThat(library().descriptor().isOpen()).isFalse();
    assertThat(opens)
        .isEqualTo(
            Map.of(
                "dev.visualreview.junit", Set.of("org.junit.platform.commons"),
                "dev.visualreview.api", Set.of("com.fasterxml.jackson.databind")));
  }

  @Test
  void declaresEveryServiceOfMetaInfServices() throws Exception {
    ModuleReference library = library();
    Map<String, Set<String>> registered = new TreeMap<>();
    try (ModuleReader reader = library.open()) {
      List<String> serviceFiles =
          reader
              .list()
              .filter(name -> name.startsWith("META-INF/services/") && !name.endsWith("/"))
              .toList();
      for (String file : serviceFiles) {
        registered.put(file.substring("META-INF/services/".length()), providers(reader, file));
      }
    }
    Map<String, Set<String>> provided = new HashMap<>();
    for (ModuleDescriptor.Provides provides : library.descriptor().provides()) {
      provided.put(provides.service(), new TreeSet<>(provides.providers()));
    }

    assertThat(registered).isNotEmpty();
    assertThat(provided).isEqualTo(registered);
  }

  @Test
  void enginesAreOptionalAndJupitersApiComesWithTheModule() throws Exception {
    Map<String, Set<ModuleDescriptor.Requires.Modifier>> requires =
        library().descriptor().requires().stream()
            .collect(
                Collectors.toMap(
                    ModuleDescriptor.Requires::name, ModuleDescriptor.Requires::modifiers));

    assertThat(requires.get("org.junit.jupiter.api"))
        .containsExactly(ModuleDescriptor.Requires.Modifier.TRANSITIVE);
    for (Map.Entry<String, Set<ModuleDescriptor.Requires.Modifier>> entry : requires.entrySet()) {
      String name = entry.getKey();
      if (name.equals("playwright")
          || name.startsWith("org.seleniumhq.")
          || name.equals("com.google.gson")) {
        assertThat(entry.getValue())
            .as("%s is an optional engine dependency: requires static", name)
            .contains(ModuleDescriptor.Requires.Modifier.STATIC);
      }
    }
    assertThat(requires).containsKeys("playwright", "org.seleniumhq.selenium.api");
  }

  private static Set<String> providers(ModuleReader reader, String file) throws IOException {
    try (InputStream in = reader.open(file).orElseThrow()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .map(line -> line.replaceFirst("#.*", "").trim())
          .filter(line -> !line.isEmpty())
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }
}
