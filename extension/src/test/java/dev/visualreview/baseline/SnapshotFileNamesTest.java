package dev.visualreview.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SnapshotFileNamesTest {
  @Test
  void identifiersThatFitAFileNameKeepIt() {
    assertThat(SnapshotFileNames.stem("Checkout--total--cart")).isEqualTo("Checkout--total--cart");
    String longest = "x".repeat(SnapshotFileNames.MAX_STEM);
    assertThat(SnapshotFileNames.stem(longest)).isEqualTo(longest);
    assertThat(SnapshotFileNames.shortened(longest)).isFalse();
  }

  @Test
  void longerIdentifiersGetAShortStableAndDistinctName() {
    String a = "a".repeat(400) + "-one";
    String b = "a".repeat(400) + "-two";

    assertThat(SnapshotFileNames.stem(a)).hasSize(SnapshotFileNames.MAX_STEM);
    assertThat((SnapshotFileNames.stem(a) + ".png").length()).isLessThanOrEqualTo(255);
    assertThat(SnapshotFileNames.stem(a))
        .startsWith("a".repeat(200))
        .isEqualTo(SnapshotFileNames.stem(a));
    assertThat(SnapshotFileNames.stem(a)).isNotEqualTo(SnapshotFileNames.stem(b));
    assertThat(SnapshotFileNames.shortened(a)).isTrue();
  }
}
