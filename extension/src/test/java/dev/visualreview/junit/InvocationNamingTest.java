package dev.visualreview.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visualreview.Snapshots;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InvocationNamingTest {
  enum Viewport {
    DESKTOP
  }

  record Size(int width, int height) {}

  static final class Opaque {}

  @SuppressWarnings("unused")
  void target(String theme, Viewport viewport, Size size, Snapshots snapshots) {}

  @SuppressWarnings("unused")
  void opaque(Opaque value, Snapshots snapshots) {}

  private static Method method(String name) {
    return Arrays.stream(InvocationNamingTest.class.getDeclaredMethods())
        .filter(m -> m.getName().equals(name))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void stableArgumentsNameTheInvocationAndInjectedOnesAreLeftOut() {
    assertThat(
            InvocationNaming.fromArguments(
                method("target"),
                Arrays.asList("high contrast", Viewport.DESKTOP, new Size(390, 844), null)))
        .contains("high-contrast-DESKTOP-390-844");
  }

  @Test
  void anArgumentWithoutAStableTextOrATooLongNameGivesNone() {
    assertThat(InvocationNaming.fromArguments(method("opaque"), Arrays.asList(new Opaque(), null)))
        .isEmpty();
    assertThat(
            InvocationNaming.fromArguments(
                method("target"),
                Arrays.asList("x".repeat(60), Viewport.DESKTOP, new Size(1, 2), null)))
        .isEmpty();
  }

  @Test
  void aTakenNameFallsBackToTheIndex() {
    InvocationNaming.Taken taken = new InvocationNaming.Taken();
    assertThat(taken.choose(Optional.of("same"), 1)).isEqualTo("same");
    assertThat(taken.choose(Optional.of("same"), 2)).isEqualTo("2");
    assertThat(taken.choose(Optional.of("2"), 3)).isEqualTo("3");
    assertThat(taken.choose(Optional.empty(), 4)).isEqualTo("4");
  }
}
