package dev.visualreview.run;

import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Which test owns which identifier in this run, so a second capture of the same identifier fails
 * with both names. A test's attempts form a group: a later attempt of the same group (a retried
 * test) may take over identifiers of an earlier attempt. Thread-safe.
 */
public final class IdentifierLedger {

  /**
   * Who captured an identifier.
   *
   * @param group the retry group (a test, or a retrying template)
   * @param attempt the attempt within the group (a test's unique id)
   * @param source readable name of the test, e.g. {@code CheckoutTest.total()}
   */
  public record Owner(String group, String attempt, String source) {}

  private final ConcurrentMap<String, Owner> owners = new ConcurrentHashMap<>();

  /**
   * Claims {@code identifier} for {@code owner}.
   *
   * @param name the name passed to capture, for the message
   * @throws DuplicateSnapshotException when another test, or the same attempt, already has it
   */
  public void claim(String identifier, String name, Owner owner) {
    Owner[] refused = new Owner[1];
    owners.compute(
        identifier,
        (id, existing) -> {
          if (existing == null
              || (existing.group().equals(owner.group())
                  && !existing.attempt().equals(owner.attempt()))) {
            return owner;
          }
          refused[0] = existing;
          return existing;
        });
    Owner previous = refused[0];
    if (previous != null) {
      if (previous.attempt().equals(owner.attempt())) {
        throw new DuplicateSnapshotException(
            "snapshot '"
                + name
                + "' is captured twice in "
                + owner.source()
                + " (identifier '"
                + identifier
                + "'): pass a distinct name to each capture");
      }
      throw new DuplicateSnapshotException(
          "snapshot '"
              + name
              + "' in "
              + owner.source()
              + " has the same identifier as in "
              + previous.source()
              + " ('"
              + identifier
              + "'): pass a distinct name, or put {display} or {index} into "
              + "visualreview.identifierTemplate");
    }
  }

  /** Releases identifiers an earlier attempt held and the attempt that replaced it did not take. */
  public void releaseAll(Collection<String> identifiers, String attempt) {
    for (String id : identifiers) {
      owners.computeIfPresent(id, (k, o) -> o.attempt().equals(attempt) ? null : o);
    }
  }
}
