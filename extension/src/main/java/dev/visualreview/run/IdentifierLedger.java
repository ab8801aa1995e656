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

  /** An identifier's owner and the name its capture was given. */
  private record Claim(Owner owner, String name) {}

  private final ConcurrentMap<String, Claim> claims = new ConcurrentHashMap<>();

  /**
   * Claims {@code identifier} for {@code owner}.
   *
   * @param name the name passed to capture, for the message
   * @throws DuplicateSnapshotException when another test, or the same attempt, already has it
   */
  public void claim(String identifier, String name, Owner owner) {
    Claim[] refused = new Claim[1];
    claims.compute(
        identifier,
        (id, existing) -> {
          if (existing == null
              || (existing.owner().group().equals(owner.group())
                  && !existing.owner().attempt().equals(owner.attempt()))) {
            return new Claim(owner, name);
          }
          refused[0] = existing;
          return existing;
        });
    Claim previous = refused[0];
    if (previous == null) {
      return;
    }
    boolean sameName = previous.name().equals(name);
    String rule =
        sameName
            ? ""
            : " (characters outside A-Z, a-z, 0-9, '_' and '-' become '-' in identifiers)";
    if (previous.owner().attempt().equals(owner.attempt())) {
      throw new DuplicateSnapshotException(
          sameName
              ? "snapshot '"
                  + name
                  + "' is captured twice in "
                  + owner.source()
                  + " (identifier '"
                  + identifier
                  + "'): pass a distinct name to each capture"
              : "snapshots '"
                  + previous.name()
                  + "' and '"
                  + name
                  + "' in "
                  + owner.source()
                  + " both have the identifier '"
                  + identifier
                  + "'"
                  + rule
                  + ": give them names that differ in letters, digits, '_' or '-'");
    }
    throw new DuplicateSnapshotException(
        "snapshot '"
            + name
            + "' in "
            + owner.source()
            + " has the same identifier as "
            + (sameName ? "in " : "'" + previous.name() + "' in ")
            + previous.owner().source()
            + " ('"
            + identifier
            + "')"
            + rule
            + ": pass a distinct name, or put {display} or {index} into "
            + "visualreview.identifierTemplate");
  }

  /** Releases identifiers an earlier attempt held and the attempt that replaced it did not take. */
  public void releaseAll(Collection<String> identifiers, String attempt) {
    for (String id : identifiers) {
      claims.computeIfPresent(id, (k, c) -> c.owner().attempt().equals(attempt) ? null : c);
    }
  }
}
