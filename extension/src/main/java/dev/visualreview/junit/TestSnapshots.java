package dev.visualreview.junit;

import dev.visualreview.run.Snapshot;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionContext;

/** The snapshots one test attempt (or one class, at class level) captured, in capture order. */
final class TestSnapshots {

  /** A snapshot and its position in the whole run's capture order. */
  record Captured(long sequence, Snapshot snapshot) {}

  private final TestCoordinates coordinates;
  private final ExtensionContext context;
  private final List<Captured> captured = new ArrayList<>();

  TestSnapshots(TestCoordinates coordinates, ExtensionContext context) {
    this.coordinates = coordinates;
    this.context = context;
  }

  TestCoordinates coordinates() {
    return coordinates;
  }

  ExtensionContext context() {
    return context;
  }

  synchronized void add(Captured snapshot) {
    captured.add(snapshot);
  }

  synchronized List<Captured> captured() {
    return List.copyOf(captured);
  }
}
