package dev.visualreview.report;

import static dev.visualreview.report.Html.esc;

import dev.visualreview.report.ReviewControls.Action;
import dev.visualreview.report.ReviewControls.Kind;
import dev.visualreview.run.SnapshotResult;
import dev.visualreview.run.SnapshotVerdict;
import dev.visualreview.run.config.Mode;

/**
 * The report's markup for reviewing: how to accept (static page), the review bar and each
 * snapshot's Accept / Delete / History buttons (served page), the diff legend and the full-size
 * viewer.
 */
final class ReviewMarkup {
  private ReviewMarkup() {}

  /** The static page's line on how to accept changes, when any can be accepted. */
  static void howToAccept(StringBuilder h, ReviewControls controls) {
    if (controls.acceptable() == 0) {
      return;
    }
    h.append("<p class=\"how-to-accept\" id=\"how-to-accept\">To accept changes, run <code>")
        .append(esc(controls.command()))
        .append("</code> in the module's folder (with Maven: see “review” in docs/cli.md):")
        .append(" it serves this report on 127.0.0.1 with Accept buttons. From a")
        .append(" terminal: <code>")
        .append(esc(controls.command()))
        .append(" --list</code>, <code>--accept ID…</code> or <code>--accept-all</code>.</p>\n");
  }

  static void reviewBar(StringBuilder h, ReviewControls controls) {
    ReviewControls.Served s = controls.served();
    for (String notice : s.notices()) {
      h.append("<p class=\"review-notice\">").append(esc(notice)).append("</p>\n");
    }
    h.append("<div class=\"review-bar\" id=\"review-bar\">");
    long n = controls.acceptable();
    if (n > 0) {
      h.append("<button type=\"button\" id=\"accept-all\" class=\"primary\">Accept all (")
          .append(n)
          .append(")</button>");
    }
    if (s.recompute()) {
      h.append("<button type=\"button\" id=\"recompute\">Recompute on PostHog</button>");
    }
    h.append("<button type=\"button\" id=\"done\">Done: stop the review server</button>")
        .append("<span id=\"review-status\" role=\"status\" aria-live=\"polite\"></span>")
        .append("</div>\n");
  }

  /** The accept button (served), the accept command (static), or why neither is offered. */
  static void actions(StringBuilder h, SnapshotVerdict v, ReviewControls controls) {
    Action a = controls.actionFor(v.identifier());
    String id = esc(v.identifier());
    if (controls.isServed()) {
      boolean history = controls.served().history() && v.result() != SnapshotResult.REMOVED;
      if (a.kind() == Kind.NONE && a.reason().isEmpty() && !history) {
        return;
      }
      h.append("<div class=\"actions\">");
      if (a.kind() == Kind.ACCEPT) {
        h.append("<button type=\"button\" class=\"accept primary\" data-identifier=\"")
            .append(id)
            .append("\">Accept</button>");
      } else if (a.kind() == Kind.PRUNE) {
        h.append("<button type=\"button\" class=\"prune\" data-identifier=\"")
            .append(id)
            .append("\">Delete the baseline</button>");
      }
      if (history) {
        h.append("<button type=\"button\" class=\"history\" data-identifier=\"")
            .append(id)
            .append("\" aria-expanded=\"false\">History</button>");
      }
      if (!a.reason().isEmpty()) {
        h.append("<span class=\"why-not\">").append(esc(a.reason())).append("</span>");
      }
      h.append("</div>\n");
      if (history) {
        h.append("<div class=\"history-list\" hidden></div>\n");
      }
    } else if (a.kind() == Kind.ACCEPT) {
      h.append("<p class=\"accept-command\">Accept: <code>")
          .append(esc(controls.command() + " --accept " + shellWord(v.identifier())))
          .append("</code></p>\n");
    }
  }

  /** What the diff picture's colours mean ({@code image.diff.DiffImagePainter}). */
  static void legend(StringBuilder h, Mode mode) {
    h.append("<ul class=\"legend\" aria-label=\"Diff colours\">");
    legendItem(h, "changed", "changed pixel");
    legendItem(h, "aa", "anti-aliased (not counted)");
    legendItem(h, "same", "unchanged (faded)");
    if (mode == Mode.LOCAL) {
      legendItem(h, "moved", "rows moved (left edge)");
      legendItem(h, "inserted", "rows inserted");
      legendItem(h, "deleted", "rows deleted here");
    }
    h.append("</ul>\n");
  }

  private static void legendItem(StringBuilder h, String kind, String text) {
    h.append("<li><span class=\"swatch ").append(kind).append("\"></span>").append(text);
    h.append("</li>");
  }

  /** The full-size image viewer the script opens when an image is clicked. */
  static void viewer(StringBuilder h) {
    h.append("<div id=\"viewer\" class=\"viewer\" role=\"dialog\" aria-modal=\"true\"")
        .append(" aria-label=\"Full-size image\" hidden><div class=\"viewer-bar\">")
        .append("<span id=\"viewer-title\"></span><span class=\"viewer-roles\"></span>")
        .append("<button type=\"button\" id=\"viewer-close\">Close (Esc)</button></div>")
        .append("<div class=\"viewer-body\"><img id=\"viewer-img\" alt=\"\"></div></div>\n");
  }

  /** A word as a POSIX shell reads it: as is when safe, else in single quotes. */
  static String shellWord(String s) {
    if (s.matches("[A-Za-z0-9_@%+=:,./-]+")) {
      return s;
    }
    return "'" + s.replace("'", "'\\''") + "'";
  }
}
