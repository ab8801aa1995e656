package dev.visualreview.junit;

import dev.visualreview.run.Snapshot;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionContext;

/** The snapshots one test attempt (or one class, at class level) captured, in capture order. */
final class TestSnapshots {

  /** A snapshot and its position in the whole run's capture order. */
  record Captured(long sequence, Snapshot snapshot) {}

  private volatile TestCoordinates coordinates;
  private final ExtensionContext context;
  private final List<Captured> captured = new ArrayList<>();

  TestSnapshots(TestCoordinates coordinates, ExtensionContext context) {
    this.coordinates = coordinates;
    this.context = context;
  }

  TestCoordinates coordinates() {
    return coordinates;
  }

  /** Names this invocation of a parameterised test, for the captures it makes from now on. */
  void nameInvocation(String name) {
    coordinates = coordinates.withInvocation(name);
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
