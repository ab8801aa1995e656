package dev.visualreview.report;

import dev.visualreview.run.SnapshotResult;
import dev.visualreview.run.SnapshotVerdict;
import dev.visualreview.run.config.Mode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the report page offers a reviewer for each snapshot: accept it, delete its baseline, or
 * nothing (and why). The static {@code index.html} only shows the terminal command that accepts a
 * change; the page served by {@code review} adds buttons that post to it.
 *
 * @param served the served page's extras, or null for the static page
 * @param command how the review command is spelled in a terminal, e.g. {@code java -jar
 *     visual-review.jar review}
 * @param actions per identifier, what can be done; identifiers not listed get nothing
 */
public record ReviewControls(Served served, String command, Map<String, Action> actions) {

  /** The review command as the report spells it. */
  public static final String COMMAND = "java -jar visual-review.jar review";

  public ReviewControls {
    Objects.requireNonNull(command, "command");
    actions = Map.copyOf(actions);
  }

  /**
   * The extras of the page served on 127.0.0.1.
   *
   * @param token the anti-forgery token every request that changes something must carry
   * @param recompute whether a PostHog recompute is offered
   * @param history whether snapshot history can be asked for (PostHog)
   * @param notices sentences shown above the snapshots, e.g. where the baseline file is written
   */
  public record Served(String token, boolean recompute, boolean history, List<String> notices) {
    public Served {
      Objects.requireNonNull(token, "token");
      notices = List.copyOf(notices);
    }
  }

  /** What a reviewer may do with a snapshot. */
  public enum Kind {
    /** Make the current image the baseline. */
    ACCEPT,
    /** Delete the baseline of a snapshot no test produces any more. */
    PRUNE,
    /** Nothing here; the reason says why (or it needs nothing). */
    NONE
  }

  /**
   * One snapshot's action.
   *
   * @param kind accept, prune or nothing
   * @param reason why nothing can be done here (shown on the page), or empty
   */
  public record Action(Kind kind, String reason) {
    public Action {
      Objects.requireNonNull(kind, "kind");
      reason = reason == null ? "" : reason;
    }

    public static Action accept() {
      return new Action(Kind.ACCEPT, "");
    }

    public static Action prune() {
      return new Action(Kind.PRUNE, "");
    }

    public static Action none(String reason) {
      return new Action(Kind.NONE, reason);
    }
  }

  /** Whether this is the served page. */
  public boolean isServed() {
    return served != null;
  }

  /** The action for an identifier ({@link Kind#NONE} without a reason when none was given). */
  public Action actionFor(String identifier) {
    return actions.getOrDefault(identifier, Action.none(""));
  }

  /** How many snapshots can be accepted. */
  public long acceptable() {
    return actions.values().stream().filter(a -> a.kind() == Kind.ACCEPT).count();
  }

  /**
   * The static page's controls: the accept command for each change that needs review and whose
   * image the run kept (local mode) or that PostHog holds. Whether a change can really be accepted
   * (e.g. not pinned by {@code snapshots.yml}) is decided by {@code review}, which says why not.
   */
  public static ReviewControls forStaticReport(List<SnapshotVerdict> verdicts, Mode mode) {
    Map<String, Action> actions = new LinkedHashMap<>();
    for (SnapshotVerdict v : verdicts) {
      boolean change = v.result() == SnapshotResult.CHANGED || v.result() == SnapshotResult.NEW;
      if (change && v.actionable() && (mode != Mode.LOCAL || v.currentImage() != null)) {
        actions.put(v.identifier(), Action.accept());
      }
    }
    return new ReviewControls(null, COMMAND, actions);
  }
}
