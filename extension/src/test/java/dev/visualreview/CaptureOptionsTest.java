package dev.visualreview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CaptureOptionsTest {

  @Test
  void defaultsAimAtStablePixels() {
    CaptureOptions defaults = CaptureOptions.defaults();
    assertThat(defaults.fullPage()).isFalse();
    assertThat(defaults.masks()).isEmpty();
    assertThat(defaults.maskColor()).isEqualTo("#FF00FF");
    assertThat(defaults.disableAnimations()).isTrue();
    assertThat(defaults.hideCaret()).isTrue();
    assertThat(defaults.style()).isEmpty();
    assertThat(defaults.scale()).isEqualTo(CaptureOptions.Scale.CSS);
    assertThat(defaults.clip()).isNull();
    assertThat(defaults.omitBackground()).isFalse();
    assertThat(defaults.waitForFonts()).isTrue();
    assertThat(defaults.waitForNetworkIdle()).isFalse();
    assertThat(defaults.stable()).isTrue();
    assertThat(defaults.strictStability()).isFalse();
    assertThat(defaults.maxAttempts()).isEqualTo(5);
    assertThat(defaults.stabilityTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(defaults.timeout()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void builderSetsEveryOptionAndToBuilderKeepsThem() {
    Object element = new Object();
    CaptureOptions options =
        CaptureOptions.builder()
            .fullPage(true)
            .mask("#clock", element)
            .maskColor("#00ff00")
            .disableAnimations(false)
            .hideCaret(false)
            .style(".ad { display: none }")
            .scale("device")
            .clip(1, 2, 30, 40)
            .transparent(true)
            .timeout(Duration.ofSeconds(5))
            .waitForNetworkIdle(true)
            .strictStability(true)
            .maxAttempts(7)
            .stabilityTimeout(Duration.ofSeconds(3))
            .build();

    assertThat(options.masks()).containsExactly("#clock", element);
    assertThat(options.maskColor()).isEqualTo("#00FF00");
    assertThat(options.scale()).isEqualTo(CaptureOptions.Scale.DEVICE);
    assertThat(options.clip()).isEqualTo(new CaptureOptions.Clip(1, 2, 30, 40));
    assertThat(options.omitBackground()).isTrue();
    assertThat(options.toBuilder().build()).isEqualTo(options).hasSameHashCodeAs(options);
    assertThat(options.toBuilder().stable(false).build().stable()).isFalse();
    assertThat(options).isNotEqualTo(CaptureOptions.defaults());
  }

  @Test
  void masksAreACopy() {
    CaptureOptions.Builder builder = CaptureOptions.builder().mask("#a");
    CaptureOptions first = builder.build();
    builder.mask("#b");
    assertThat(first.masks()).containsExactly("#a");
    assertThat(builder.build().masks()).containsExactly("#a", "#b");
    assertThatThrownBy(() -> first.masks().add("#c"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void badValuesAreRejectedWithTheFix() {
    assertThatThrownBy(() -> CaptureOptions.builder().maskColor("red"))
        .hasMessageContaining("'red' is not #RRGGBB");
    assertThatThrownBy(() -> CaptureOptions.builder().scale("retina"))
        .hasMessageContaining("use 'css' or 'device'");
    assertThatThrownBy(() -> CaptureOptions.builder().maxAttempts(1))
        .hasMessageContaining("stable(false)");
    assertThatThrownBy(() -> CaptureOptions.builder().timeout(Duration.ZERO))
        .hasMessageContaining("timeout must be positive");
    assertThatThrownBy(() -> CaptureOptions.builder().clip(0, 0, 0, 10))
        .hasMessageContaining("clip size must be positive");
    assertThatThrownBy(() -> CaptureOptions.builder().clip(-1, 0, 10, 10))
        .hasMessageContaining("not negative");
    assertThatThrownBy(() -> CaptureOptions.builder().mask(" ")).hasMessageContaining("blank");
    assertThatThrownBy(() -> CaptureOptions.builder().mask(List.of("#a", "")))
        .hasMessageContaining("blank");
    assertThatThrownBy(() -> CaptureOptions.builder().mask((Object) null))
        .hasMessageContaining("null");
  }

  @Test
  void toStringNamesTheSettingsButNotTheStyleText() {
    String text = CaptureOptions.builder().style("secret-ish css").build().toString();
    assertThat(text).contains("fullPage=false", "scale=css", "style=14 chars");
    assertThat(text).doesNotContain("secret-ish");
  }
}
