package dev.visualreview.image.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * This project's counts against pixelmatch 7.2.0's on the generated pairs of {@link
 * PixelmatchCorpus}, without Node: the counts were recorded by running pixelmatch 7.2.0 itself
 * ({@code bench/pixelmatch-corpus.sh --record}), and each pair's digest proves it is still the pair
 * pixelmatch counted. {@code bench/pixelmatch-corpus.sh} runs the same comparison live against Node
 * on more pairs.
 */
class PixelmatchDifferentialTest {

  @Test
  void countsEqualPixelmatch720OnEveryRecordedPair() throws IOException {
    Map<Integer, PixelmatchCorpus.Recorded> recorded = recorded();
    assertThat(recorded).hasSize(PixelmatchCorpus.DEFAULT_SIZE);

    PixelmatchCorpus.Replay replay = PixelmatchCorpus.replay(recorded, 0, recorded.size());

    assertThat(replay.problems()).isEmpty();
    // the reported count (after row alignment) is compared wherever no rows shifted
    assertThat(replay.comparedReported()).isGreaterThan(recorded.size() * 9 / 10);
  }

  @Test
  void theCorpusCoversEveryKindWithRealDifferences() throws IOException {
    Map<String, Long> differing =
        recorded().values().stream()
            .filter(r -> r.count() > 0)
            .collect(Collectors.groupingBy(PixelmatchCorpus.Recorded::kind, Collectors.counting()));

    assertThat(differing)
        .containsOnlyKeys(
            "text-edit", "moved-glyph", "colour-nudge", "translucent", "edge", "tiny", "noise");
    assertThat(differing.values()).allSatisfy(n -> assertThat(n).isGreaterThan(250));
  }

  private static Map<Integer, PixelmatchCorpus.Recorded> recorded() throws IOException {
    try (InputStream in =
        PixelmatchDifferentialTest.class.getResourceAsStream(PixelmatchCorpus.RECORDED)) {
      assertThat(in).as(PixelmatchCorpus.RECORDED).isNotNull();
      return PixelmatchCorpus.read(
          new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))
              .lines()
              .toList());
    }
  }
}
