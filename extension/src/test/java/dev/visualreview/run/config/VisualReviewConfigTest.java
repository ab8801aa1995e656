package dev.visualreview.run.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.visualreview.ConfigKeys;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VisualReviewConfigTest {
  private final Map<String, String> params = new HashMap<>();
  private final Map<String, String> env = new HashMap<>();

  private VisualReviewConfig parse() {
    return VisualReviewConfig.parse(key -> Optional.ofNullable(params.get(key)), env);
  }

  @Test
  void defaultsWhenNothingIsSet() {
    VisualReviewConfig c = parse();
    assertThat(c.mode()).isEqualTo(Mode.AUTO);
    assertThat(c.runType()).isEqualTo("junit");
    assertThat(c.baseline()).isEqualTo(Path.of("snapshots.yml"));
    assertThat(c.identifierTemplate()).isEqualTo("{class}--{method}--{name}");
    assertThat(c.onUnreachable()).isEqualTo(OnUnreachable.FAIL);
    assertThat(c.update()).isEmpty();
    assertThat(c.baselineDir()).isEqualTo(Path.of("src/test/visual-baselines"));
    assertThat(c.reportDir()).isEqualTo(Path.of("target/visual-review"));
    assertThat(c.timeout()).isEqualTo(Duration.ofSeconds(600));
    assertThat(c.pollInterval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.purpose()).isEmpty();
    assertThat(c.posthogHost()).isEmpty();
    assertThat(c.apiKey()).isEmpty();
    assertThat(c.runId()).isEmpty();
    assertThat(c.tolerateDrift()).isFalse();
    assertThat(c.autoApprove()).isFalse();
    assertThat(c.shardMode()).isFalse();
  }

  @Test
  void readsEveryKeyFromConfigurationParameters() {
    params.put("visualreview.mode", "PostHog");
    params.put("visualreview.posthog.host", "https://eu.posthog.com/");
    params.put("visualreview.posthog.projectId", "2");
    params.put("visualreview.posthog.repoId", "3d760a0a-0763-477d-89ee-f1e4e92cdd78");
    params.put("visualreview.posthog.apiKey", "phx_secret");
    params.put("visualreview.runType", "playwright");
    params.put("visualreview.baseline", "ui/snapshots.yml");
    params.put("visualreview.purpose", "observe");
    params.put("visualreview.tolerateDrift", "TRUE");
    params.put("visualreview.autoApprove", "false");
    params.put("visualreview.runId", "11111111-2222-3333-4444-555555555555");
    params.put("visualreview.identifierTemplate", "{class}-{name}");
    params.put("visualreview.onUnreachable", "warn");
    params.put("visualreview.update", "changed");
    params.put("visualreview.baselineDir", "baselines");
    params.put("visualreview.reportDir", "out/vr");
    params.put("visualreview.cache.dir", "/tmp/vr-cache");
    params.put("visualreview.branch", "feat/x");
    params.put("visualreview.commit", "0123456789abcdef0123456789abcdef01234567");
    params.put("visualreview.pr", "42");
    params.put("visualreview.timeoutSeconds", "30");
    params.put("visualreview.posthog.pollIntervalMillis", "250");

    VisualReviewConfig c = parse();

    assertThat(c.mode()).isEqualTo(Mode.POSTHOG);
    assertThat(c.posthogHost()).contains("https://eu.posthog.com");
    assertThat(c.projectId()).contains("2");
    assertThat(c.repoId()).contains("3d760a0a-0763-477d-89ee-f1e4e92cdd78");
    assertThat(c.apiKey()).contains("phx_secret");
    assertThat(c.runType()).isEqualTo("playwright");
    assertThat(c.baseline()).isEqualTo(Path.of("ui/snapshots.yml"));
    assertThat(c.purpose()).contains(Purpose.OBSERVE);
    assertThat(c.tolerateDrift()).isTrue();
    assertThat(c.autoApprove()).isFalse();
    assertThat(c.runId()).contains("11111111-2222-3333-4444-555555555555");
    assertThat(c.shardMode()).isTrue();
    assertThat(c.identifierTemplate()).isEqualTo("{class}-{name}");
    assertThat(c.onUnreachable()).isEqualTo(OnUnreachable.WARN);
    assertThat(c.update()).contains(UpdateMode.CHANGED);
    assertThat(c.baselineDir()).isEqualTo(Path.of("baselines"));
    assertThat(c.reportDir()).isEqualTo(Path.of("out/vr"));
    assertThat(c.cacheDir()).contains(Path.of("/tmp/vr-cache"));
    assertThat(c.branch()).contains("feat/x");
    assertThat(c.commit()).contains("0123456789abcdef0123456789abcdef01234567");
    assertThat(c.pr()).contains(42);
    assertThat(c.timeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.pollInterval()).isEqualTo(Duration.ofMillis(250));
  }

  @Test
  void environmentIsTheFallbackAndParametersWin() {
    env.put("VISUALREVIEW_MODE", "local");
    env.put("VISUALREVIEW_POSTHOG_REPO_ID", "3d760a0a-0763-477d-89ee-f1e4e92cdd78");
    env.put("VISUALREVIEW_UPDATE", "missing");
    params.put("visualreview.update", "all");

    VisualReviewConfig c = parse();

    assertThat(c.mode()).isEqualTo(Mode.LOCAL);
    assertThat(c.repoId()).contains("3d760a0a-0763-477d-89ee-f1e4e92cdd78");
    assertThat(c.update()).contains(UpdateMode.ALL);
  }

  @Test
  void apiKeyFallsBackToPostHogsEnvironmentVariable() {
    env.put("POSTHOG_PERSONAL_API_KEY", "phx_from_env");
    assertThat(parse().apiKey()).contains("phx_from_env");
  }

  @Test
  void blankParameterCountsAsUnset() {
    params.put("visualreview.mode", "  ");
    env.put("VISUALREVIEW_MODE", "off");
    assertThat(parse().mode()).isEqualTo(Mode.OFF);
  }

  @Test
  void toStringNeverShowsTheApiKey() {
    params.put("visualreview.posthog.apiKey", "phx_topsecret_value");
    VisualReviewConfig c = parse();
    assertThat(c.toString()).doesNotContain("phx_topsecret_value").contains("apiKey=(set)");
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "visualreview.mode|poshog|expected one of auto, local, posthog, off",
        "visualreview.update|some|expected one of none, missing, changed, all",
        "visualreview.onUnreachable|ignore|expected one of fail, warn",
        "visualreview.purpose|gate|expected one of review, observe",
        "visualreview.tolerateDrift|yes|expected true or false",
        "visualreview.autoApprove|1|expected true or false",
        "visualreview.posthog.host|us.posthog.com|expected an http(s) URL",
        "visualreview.posthog.projectId|abc|expected the numeric project id",
        "visualreview.posthog.repoId|not-a-uuid|expected the Visual Review repo id",
        "visualreview.runId|123|expected the run id printed by 'run create'",
        "visualreview.runType|has space|expected 1 to 64 characters",
        "visualreview.pr|-3|expected a whole number from 1",
        "visualreview.pr|x|expected a whole number from 1",
        "visualreview.commit|zzz|expected a commit SHA",
        "visualreview.timeoutSeconds|0|expected a whole number from 1 to 86400",
        "visualreview.posthog.pollIntervalMillis|fast|expected a whole number from 1 to 600000",
        "visualreview.identifierTemplate|{class}--{method}|must contain {name}",
        "visualreview.identifierTemplate|{class}--{nme}|unknown placeholder {nme}",
        "visualreview.identifierTemplate|{name}}|unbalanced",
      })
  void invalidValuesFailNamingKeyValueAndChoices(String key, String value, String expectation) {
    params.put(key, value);
    assertThatThrownBy(this::parse)
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining(key + "='" + value + "'")
        .hasMessageContaining("configuration parameter " + key)
        .hasMessageContaining(expectation);
  }

  @Test
  void invalidEnvironmentValueNamesTheVariable() {
    env.put("VISUALREVIEW_ON_UNREACHABLE", "maybe");
    assertThatThrownBy(this::parse)
        .hasMessageContaining("environment variable VISUALREVIEW_ON_UNREACHABLE")
        .hasMessageContaining("expected one of fail, warn");
  }

  @Test
  void invalidApiKeyIsRejectedWithoutEchoingIt() {
    env.put("POSTHOG_PERSONAL_API_KEY", "phx_secret with space");
    assertThatThrownBy(this::parse)
        .hasMessageContaining("POSTHOG_PERSONAL_API_KEY")
        .hasMessageNotContaining("phx_secret");
  }

  @Test
  void environmentVariableNamesFollowTheKeys() {
    assertThat(ConfigKeys.environmentVariable(ConfigKeys.POSTHOG_REPO_ID))
        .isEqualTo("VISUALREVIEW_POSTHOG_REPO_ID");
    assertThat(ConfigKeys.environmentVariable(ConfigKeys.CACHE_DIR))
        .isEqualTo("VISUALREVIEW_CACHE_DIR");
    assertThat(ConfigKeys.environmentVariable(ConfigKeys.ON_UNREACHABLE))
        .isEqualTo("VISUALREVIEW_ON_UNREACHABLE");
  }

  @Test
  void partialAndInvocationNamesDefaultToAutoAndRejectOtherValues() {
    assertThat(parse().partial()).isEqualTo(PartialRun.AUTO);
    assertThat(parse().invocationNames()).isEqualTo(InvocationNames.AUTO);

    params.put(ConfigKeys.PARTIAL, "false");
    params.put(ConfigKeys.INVOCATION_NAMES, "Index");
    assertThat(parse().partial()).isEqualTo(PartialRun.FALSE);
    assertThat(parse().invocationNames()).isEqualTo(InvocationNames.INDEX);

    params.put(ConfigKeys.PARTIAL, "sometimes");
    assertThatThrownBy(this::parse)
        .hasMessageContaining("visualreview.partial='sometimes'")
        .hasMessageContaining("expected one of auto, true, false");
  }

  @Test
  void engineAndBrowserArePlaceholdersOfTheTemplate() {
    params.put(ConfigKeys.IDENTIFIER_TEMPLATE, "{class}--{name}--{engine}-{browser}");
    assertThat(parse().identifierTemplate()).isEqualTo("{class}--{name}--{engine}-{browser}");

    params.put(ConfigKeys.IDENTIFIER_TEMPLATE, "{class}--{name}--{os}");
    assertThatThrownBy(this::parse)
        .hasMessageContaining("unknown placeholder {os}")
        .hasMessageContaining("{engine} and {browser}");
  }
}
