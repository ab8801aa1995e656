package dev.visualreview.run;

import static dev.visualreview.run.VerdictBuilder.verdict;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RenamesTest {
  @Test
  void aNewSnapshotWithTheHashOfARemovedOneIsARename() {
    List<SnapshotVerdict> verdicts =
        List.of(
            verdict("T--renamed--a", SnapshotResult.NEW).contentHash("aa").build(),
            verdict("T--old--a", SnapshotResult.REMOVED).contentHash("aa").build(),
            verdict("T--fresh--b", SnapshotResult.NEW).contentHash("bb").build(),
            verdict("T--gone--c", SnapshotResult.REMOVED).contentHash("cc").build(),
            verdict("T--same--d", SnapshotResult.UNCHANGED).contentHash("cc").build());

    assertThat(Renames.find(verdicts))
        .containsExactly(java.util.Map.entry("T--renamed--a", "T--old--a"));
  }

  @Test
  void eachRemovedSnapshotExplainsOneNewOneAndQuarantinedOrUnknownOnesNone() {
    List<SnapshotVerdict> verdicts =
        List.of(
            verdict("T--x--1", SnapshotResult.NEW).contentHash("aa").build(),
            verdict("T--x--2", SnapshotResult.NEW).contentHash("aa").build(),
            verdict("T--old--1", SnapshotResult.REMOVED).contentHash("aa").build(),
            verdict("T--q--1", SnapshotResult.NEW).contentHash("qq").quarantined(true).build(),
            verdict("T--oldq--1", SnapshotResult.REMOVED).contentHash("qq").build(),
            verdict("T--n--1", SnapshotResult.NEW).build(),
            verdict("T--oldn--1", SnapshotResult.REMOVED).build());

    assertThat(Renames.find(verdicts)).containsExactly(java.util.Map.entry("T--x--1", "T--old--1"));
  }
}
