package dev.visualreview.browsers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.visualreview.CaptureException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BrowserDiscoveryTest {

  private static BrowserDiscovery with(Map<String, String> env, String... executables) {
    Set<Path> existing = new java.util.HashSet<>();
    for (String executable : executables) {
      existing.add(Path.of(executable));
    }
    return new BrowserDiscovery(env, existing::contains);
  }

  @Test
  void playwrightVariableWinsOverChromeBinAndSystemPaths() {
    BrowserDiscovery discovery =
        with(
            Map.of("PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH", "/opt/pw/chrome", "CHROME_BIN", "/x"),
            "/opt/pw/chrome",
            "/x",
            "/usr/bin/chromium");
    assertThat(discovery.chromium()).isEqualTo(Path.of("/opt/pw/chrome"));
  }

  @Test
  void systemPathsAreUsedWithoutVariables() {
    assertThat(with(Map.of(), "/usr/bin/chromium-browser").chromium())
        .isEqualTo(Path.of("/usr/bin/chromium-browser"));
    assertThat(with(Map.of(), "/usr/bin/chromedriver").chromedriver())
        .isEqualTo(Path.of("/usr/bin/chromedriver"));
    assertThat(
            with(Map.of("CHROMEDRIVER", "/opt/cd"), "/opt/cd", "/usr/bin/chromedriver")
                .chromedriver())
        .isEqualTo(Path.of("/opt/cd"));
  }

  @Test
  void nothingFoundNamesWhereItLookedAndTheInstallCommand() {
    assertThatThrownBy(() -> with(Map.of()).chromium())
        .isInstanceOf(CaptureException.class)
        .hasMessageContaining("no Chromium found")
        .hasMessageContaining("$CHROME_BIN")
        .hasMessageContaining("/usr/bin/chromium")
        .hasMessageContaining("apt-get install -y chromium chromium-driver");
    assertThatThrownBy(() -> with(Map.of()).chromedriver())
        .hasMessageContaining("no chromedriver found")
        .hasMessageContaining("$CHROMEDRIVER");
    assertThat(with(Map.of()).hasChromium()).isFalse();
  }

  @Test
  void aVariablePointingNowhereIsAnError() {
    assertThatThrownBy(() -> with(Map.of("CHROME_BIN", "/nope"), "/usr/bin/chromium").chromium())
        .hasMessageContaining("$CHROME_BIN points at /nope")
        .hasMessageContaining("fix or unset");
  }
}
