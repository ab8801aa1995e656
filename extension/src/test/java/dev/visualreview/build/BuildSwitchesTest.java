package dev.visualreview.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Issue 12: {@code mvn -DskipTests package} ran the library's ~500 tests because the extension's
 * POM set Surefire's {@code skipTests} parameter itself, which a command-line property cannot
 * override. No module may set Surefire's {@code skipTests} or {@code skip} in its plugin
 * configuration; a module-specific switch (the main job's {@code extension.skipTests}) must feed
 * the standard {@code skipTests} property instead, so {@code -DskipTests} and {@code
 * -Dmaven.test.skip} keep working everywhere.
 */
class BuildSwitchesTest {
  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

  @Test
  void noModuleHardWiresSurefiresSkipParameters() throws Exception {
    List<Path> poms = modulePoms();
    assertThat(poms).hasSizeGreaterThanOrEqualTo(4);
    for (Path pom : poms) {
      Document doc = parse(pom);
      NodeList plugins = doc.getElementsByTagName("plugin");
      for (int i = 0; i < plugins.getLength(); i++) {
        Element plugin = (Element) plugins.item(i);
        if (!"maven-surefire-plugin".equals(childText(plugin, "artifactId"))) {
          continue;
        }
        NodeList configurations = plugin.getElementsByTagName("configuration");
        for (int c = 0; c < configurations.getLength(); c++) {
          Element configuration = (Element) configurations.item(c);
          assertThat(childText(configuration, "skipTests"))
              .as("surefire <skipTests> in %s overrides -DskipTests", pom)
              .isNull();
          assertThat(childText(configuration, "skip"))
              .as("surefire <skip> in %s overrides -Dmaven.test.skip", pom)
              .isNull();
        }
      }
    }
  }

  @Test
  void theMainJobsSwitchFeedsTheStandardProperty() throws Exception {
    for (String module : List.of("extension", "junit510-compat")) {
      Document doc = parse(ROOT.resolve(module).resolve("pom.xml"));
      Element properties = (Element) doc.getElementsByTagName("properties").item(0);
      assertThat(childText(properties, "skipTests"))
          .as("%s: skipTests must default to ${extension.skipTests}", module)
          .isEqualTo("${extension.skipTests}");
    }
  }

  private static List<Path> modulePoms() throws Exception {
    List<Path> poms = new ArrayList<>();
    poms.add(ROOT.resolve("pom.xml"));
    NodeList modules = parse(ROOT.resolve("pom.xml")).getElementsByTagName("module");
    for (int i = 0; i < modules.getLength(); i++) {
      Path pom = ROOT.resolve(modules.item(i).getTextContent().trim()).resolve("pom.xml");
      assertThat(pom).exists();
      poms.add(pom);
    }
    return poms;
  }

  private static Document parse(Path pom) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    try (var in = Files.newInputStream(pom)) {
      return factory.newDocumentBuilder().parse(in);
    }
  }

  private static String childText(Element parent, String name) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        return e.getTextContent().trim();
      }
    }
    return null;
  }
}
