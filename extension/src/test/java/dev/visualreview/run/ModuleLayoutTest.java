package dev.visualreview.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visualreview.ConfigKeys;
import dev.visualreview.run.config.VisualReviewConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModuleLayoutTest {
  @TempDir Path repo;
  private final Path elsewhere = Path.of("/").toAbsolutePath();

  private Path folder(String relative) throws Exception {
    return Files.createDirectories(repo.resolve(relative));
  }

  private void file(String relative) throws Exception {
    Files.createDirectories(repo.resolve(relative).getParent());
    Files.writeString(repo.resolve(relative), "\n");
  }

  private ModuleLayout locate(Path classes) {
    return ModuleLayout.locate(Optional.of(classes), Optional.empty(), elsewhere);
  }

  @Test
  void mavenTestClassesBelongToTheirModuleWhateverTheWorkingDirectory() throws Exception {
    file("shop/pom.xml");
    ModuleLayout m = locate(folder("shop/target/test-classes"));

    assertThat(m.dir()).isEqualTo(repo.resolve("shop"));
    assertThat(m.outputDir()).isEqualTo(repo.resolve("shop/target"));
    assertThat(m.guessed()).isFalse();
    assertThat(m.evidence())
        .contains("shop/target/test-classes".replace('/', java.io.File.separatorChar));
  }

  @Test
  void gradleModulesWriteTheirReportUnderBuild() throws Exception {
    file("shop/build.gradle.kts");
    ModuleLayout kotlin = locate(folder("shop/build/classes/java/test"));
    assertThat(kotlin.dir()).isEqualTo(repo.resolve("shop"));
    assertThat(kotlin.outputDir()).isEqualTo(repo.resolve("shop/build"));

    // a subproject configured from the root build file has no build file of its own
    ModuleLayout bare = locate(folder("admin/build/classes/kotlin/integrationTest"));
    assertThat(bare.dir()).isEqualTo(repo.resolve("admin"));
    assertThat(bare.outputDir()).isEqualTo(repo.resolve("admin/build"));
  }

  @Test
  void ideOutputFoldersAndJarsBelongToTheirModule() throws Exception {
    file("web/build.gradle");
    ModuleLayout intellij = locate(folder("web/out/test/classes"));
    assertThat(intellij.dir()).isEqualTo(repo.resolve("web"));
    assertThat(intellij.outputDir()).isEqualTo(repo.resolve("web/build"));

    file("api/pom.xml");
    ModuleLayout eclipse = locate(folder("api/bin/test"));
    assertThat(eclipse.dir()).isEqualTo(repo.resolve("api"));
    assertThat(eclipse.outputDir()).isEqualTo(repo.resolve("api/target"));

    file("lib/pom.xml");
    file("lib/target/lib-tests.jar");
    assertThat(locate(repo.resolve("lib/target/lib-tests.jar")).dir())
        .isEqualTo(repo.resolve("lib"));
  }

  @Test
  void surefiresBasedirAndThenTheWorkingDirectoryAreTheFallbacks() throws Exception {
    Path loose = folder("loose/classes");
    Path module = folder("module");

    ModuleLayout fromBasedir =
        ModuleLayout.locate(Optional.of(loose), Optional.of(module.toString()), elsewhere);
    assertThat(fromBasedir.dir()).isEqualTo(module);
    assertThat(fromBasedir.guessed()).isFalse();

    ModuleLayout guessed = ModuleLayout.locate(Optional.of(loose), Optional.empty(), repo);
    assertThat(guessed.dir()).isEqualTo(repo);
    assertThat(guessed.guessed()).isTrue();
    assertThat(guessed.evidence()).contains("are not in a Maven or Gradle module");
  }

  @Test
  void relativeSettingsAreResolvedAgainstTheModuleAndTheReportDefaultsToTheOutputFolder()
      throws Exception {
    file("shop/build.gradle.kts");
    ModuleLayout gradle = locate(folder("shop/build/classes/java/test"));

    VisualReviewConfig defaults = VisualReviewConfig.defaults().resolvedIn(gradle);
    assertThat(defaults.baselineDir()).isEqualTo(repo.resolve("shop/src/test/visual-baselines"));
    assertThat(defaults.baseline()).isEqualTo(repo.resolve("shop/snapshots.yml"));
    assertThat(defaults.reportDir()).isEqualTo(repo.resolve("shop/build/visual-review"));

    Map<String, String> set =
        Map.of(ConfigKeys.REPORT_DIR, "reports/visual", ConfigKeys.BASELINE_DIR, "/abs/baselines");
    VisualReviewConfig configured =
        VisualReviewConfig.parse(k -> Optional.ofNullable(set.get(k)), Map.of()).resolvedIn(gradle);
    assertThat(configured.reportDir()).isEqualTo(repo.resolve("shop/reports/visual"));
    assertThat(configured.baselineDir()).isEqualTo(Path.of("/abs/baselines"));
  }
}
