package dev.visualreview.junit.autosuite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.visualreview.junit.FixtureGuard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** No visual review at all: the auto-detected extension leaves it alone. */
@ExtendWith(FixtureGuard.class)
public class PlainChecks {
  @Test
  void adds() {
    assertEquals(4, 2 + 2);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2})
  void positive(int value) {
    assertEquals(true, value > 0);
  }
}
