package dev.visualreview.run;

import java.util.List;

/**
 * The snapshots of one test class, handed to the backend together when the class finishes.
 *
 * @param name the shard's name, normally the test class's fully qualified name
 * @param snapshots the snapshots, in capture order
 */
public record Shard(String name, List<Snapshot> snapshots) {
  public Shard {
    snapshots = List.copyOf(snapshots);
  }
}
