package dev.visualreview.report;

import static dev.visualreview.report.Html.esc;

import dev.visualreview.run.RunCounts;
import dev.visualreview.run.RunOutcome;
import dev.visualreview.run.SnapshotResult;
import dev.visualreview.run.SnapshotVerdict;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;

/**
 * {@code index.html}: one self-contained page (inline CSS and JavaScript, no external requests)
 * that works from {@code file://}. Everything the run supplies is escaped, and a Content Security
 * Policy with a per-report script nonce stops any markup that slipped through from running.
 */
public final class HtmlReport {
  private static final String CSS = resource("report.css");
  private static final String JS = resource("report.js");
  private static final SecureRandom RANDOM = new SecureRandom();

  private HtmlReport() {}

  /** Renders the page for an outcome whose images live under the report folder. */
  public static String render(RunOutcome outcome) {
    String nonce = nonce();
    RunCounts c = outcome.counts();
    long actionable = outcome.snapshots().stream().filter(SnapshotVerdict::isChange).count();
    String initialFilter = actionable > 0 ? "changes" : "all";
    String verdict = OutcomeText.verdictWord(outcome).toLowerCase(Locale.ROOT);

    StringBuilder h = new StringBuilder(16_384);
    h.append("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; ")
        .append("img-src 'self' file: data:; style-src 'unsafe-inline'; script-src 'nonce-")
        .append(nonce)
        .append("'\">\n<title>Visual review: ")
        .append(esc(verdict.toUpperCase(Locale.ROOT)))
        .append(", ")
        .append(c.changes())
        .append(" change(s)</title>\n<style>\n")
        .append(CSS)
        .append("</style>\n</head>\n<body data-filter=\"")
        .append(initialFilter)
        .append("\">\n");

    header(h, outcome, c, verdict);
    filters(h, outcome, c, actionable);
    h.append("<main>\n");
    h.append("<p id=\"empty\" class=\"empty\" hidden>No snapshots match this filter.</p>\n");
    int index = 0;
    for (SnapshotVerdict v : outcome.snapshots()) {
      card(h, v, index++);
    }
    h.append("</main>\n<script nonce=\"").append(nonce).append("\">\n").append(JS);
    h.append("</script>\n</body>\n</html>\n");
    return h.toString();
  }

  private static void header(StringBuilder h, RunOutcome o, RunCounts c, String verdict) {
    h.append("<header class=\"run\">\n<h1>Visual review <span class=\"verdict ")
        .append(esc(verdict))
        .append("\" id=\"verdict\">")
        .append(esc(verdict.toUpperCase(Locale.ROOT)))
        .append("</span></h1>\n");
    h.append("<p class=\"summary\" id=\"summary\">")
        .append(esc(OutcomeText.conclusion(o)))
        .append("</p>\n");
    for (String problem : o.problems()) {
      h.append("<p class=\"note\">").append(esc(problem)).append("</p>\n");
    }
    if (o.errorMessage() != null && !o.errorMessage().isBlank()) {
      h.append("<p class=\"note\">Run failed: ").append(esc(o.errorMessage())).append("</p>\n");
    }
    h.append("<div class=\"meta\">");
    meta(h, "mode", OutcomeText.modeWord(o));
    meta(h, "run", o.runId());
    meta(h, "type", o.runType());
    meta(h, "purpose", o.purpose().wire());
    meta(h, "branch", o.branch());
    meta(h, "commit", o.commitSha() == null ? null : abbreviate(o.commitSha()));
    String reviewHref = Html.httpUrl(o.reviewUrl());
    if (reviewHref != null) {
      h.append("<span><a id=\"review-link\" href=\"")
          .append(reviewHref)
          .append("\" rel=\"noopener noreferrer\" target=\"_blank\">Review on PostHog</a></span>");
    }
    h.append("</div>\n<ul class=\"counts\" id=\"counts\">");
    count(h, "total", c.total());
    count(h, "unchanged", c.unchanged());
    count(h, "changed", c.changed());
    count(h, "new", c.added());
    count(h, "removed", c.removed());
    count(h, "unresolved", c.unresolved());
    h.append("</ul>\n</header>\n");
  }

  private static void filters(StringBuilder h, RunOutcome o, RunCounts c, long actionable) {
    h.append("<nav id=\"filters\" aria-label=\"Filter snapshots\">");
    filter(h, "changes", "Changes", actionable);
    filter(h, "changed", "Changed", countOf(o, SnapshotResult.CHANGED));
    filter(h, "new", "New", countOf(o, SnapshotResult.NEW));
    filter(h, "removed", "Removed", countOf(o, SnapshotResult.REMOVED));
    filter(h, "unchanged", "Unchanged", countOf(o, SnapshotResult.UNCHANGED));
    filter(h, "all", "All", o.snapshots().size());
    h.append("<span id=\"shown\"></span>")
        .append("<span class=\"hint\">j / k or ← / → move between changes</span></nav>\n");
  }

  private static void card(StringBuilder h, SnapshotVerdict v, int index) {
    String result = v.result().wire();
    h.append("<section class=\"snap\" id=\"snap-")
        .append(index)
        .append("\" tabindex=\"-1\" data-result=\"")
        .append(esc(result))
        .append("\" data-change=\"")
        .append(v.isChange())
        .append("\" data-actionable=\"")
        .append(v.actionable())
        .append("\">\n<h2><span class=\"badge ")
        .append(esc(result))
        .append("\">")
        .append(esc(result))
        .append("</span><span class=\"identifier\">")
        .append(esc(v.identifier()))
        .append("</span></h2>\n<dl class=\"facts\">");
    fact(h, "diff", v.diffPercentage() == null ? null : percent(v.diffPercentage()));
    fact(h, "SSIM", v.ssim() == null ? null : String.format(Locale.ROOT, "%.4f", v.ssim()));
    fact(h, "change kind", v.changeKind().wire());
    fact(h, "reason", v.classificationReason().wire());
    fact(h, "size", v.sizeMismatch() ? "sizes differ" : null);
    fact(h, "row shift", v.rowShift() == null || v.rowShift() == 0 ? null : v.rowShift() + " rows");
    fact(h, "review", v.reviewState().wire());
    fact(h, "quarantined", v.quarantined() ? "yes" : null);
    fact(h, "test", v.source());
    h.append("</dl>\n");
    if (!v.note().isBlank()) {
      h.append("<p class=\"note\">").append(esc(v.note())).append("</p>\n");
    }
    String reviewHref = Html.httpUrl(v.reviewUrl());
    if (reviewHref != null) {
      h.append("<p><a class=\"snapshot-review\" href=\"")
          .append(reviewHref)
          .append("\" rel=\"noopener noreferrer\" target=\"_blank\">Review this snapshot on")
          .append(" PostHog</a></p>\n");
    }
    String baseline = Html.relativeImageUrl(v.baselineImage());
    String current = Html.relativeImageUrl(v.currentImage());
    String diff = Html.relativeImageUrl(v.diffImage());
    if (baseline == null && current == null && diff == null && reviewHref != null) {
      h.append("</section>\n"); // PostHog mode: the images are on the review page
      return;
    }
    h.append("<div class=\"images\">");
    boolean unchanged = v.result() == SnapshotResult.UNCHANGED;
    if (!unchanged || baseline != null) {
      figure(h, "baseline", baseline, v, noBaselineText(v));
    }
    if (v.result() != SnapshotResult.REMOVED || current != null) {
      figure(h, "current", current, v, "no current image in this report");
    }
    if (diff != null) {
      figure(h, "diff", diff, v, null);
    }
    h.append("</div>\n");
    if (baseline != null && current != null && !unchanged) {
      h.append("<div class=\"overlay-wrap\"><label>baseline")
          .append("<input type=\"range\" min=\"0\" max=\"100\" value=\"50\" class=\"slider\"")
          .append(" aria-label=\"Overlay: drag to reveal baseline or current\">current</label>")
          .append("<div class=\"overlay\"><img class=\"base\" src=\"")
          .append(baseline)
          .append("\" alt=\"baseline\"><div class=\"top\"><img class=\"cur\" src=\"")
          .append(current)
          .append("\" alt=\"current\"></div><div class=\"divider\"></div></div></div>\n");
    }
    h.append("</section>\n");
  }

  private static String noBaselineText(SnapshotVerdict v) {
    return switch (v.result()) {
      case NEW -> "no baseline: this snapshot is new";
      default -> "no baseline image in this report";
    };
  }

  private static void figure(
      StringBuilder h, String role, String src, SnapshotVerdict v, String missingText) {
    h.append("<figure class=\"").append(role).append("\"><figcaption>").append(role);
    h.append("</figcaption>");
    if (src != null) {
      h.append("<img src=\"")
          .append(src)
          .append("\" alt=\"")
          .append(role)
          .append(" of ")
          .append(esc(v.identifier()))
          .append("\">");
    } else {
      h.append("<div class=\"missing\">").append(esc(missingText)).append("</div>");
    }
    h.append("</figure>");
  }

  private static void meta(StringBuilder h, String label, String value) {
    if (value != null && !value.isBlank()) {
      h.append("<span>").append(label).append(" <b>").append(esc(value)).append("</b></span>");
    }
  }

  private static void count(StringBuilder h, String label, int n) {
    h.append("<li data-count=\"")
        .append(label)
        .append("\"><span class=\"n\">")
        .append(n)
        .append("</span>")
        .append(label)
        .append("</li>");
  }

  private static void filter(StringBuilder h, String key, String label, long n) {
    h.append("<button type=\"button\" data-filter=\"")
        .append(key)
        .append("\" aria-pressed=\"false\">")
        .append(label)
        .append(" (<span class=\"n\">")
        .append(n)
        .append("</span>)</button>");
  }

  private static void fact(StringBuilder h, String label, String value) {
    if (value != null && !value.isBlank()) {
      h.append("<div><dt>").append(esc(label)).append("</dt><dd>").append(esc(value));
      h.append("</dd></div>");
    }
  }

  private static long countOf(RunOutcome o, SnapshotResult r) {
    return o.snapshots().stream().filter(v -> v.result() == r).count();
  }

  static String percent(double p) {
    return String.format(Locale.ROOT, "%.2f%%", p);
  }

  private static String abbreviate(String sha) {
    return sha.length() > 12 ? sha.substring(0, 12) : sha;
  }

  private static String nonce() {
    byte[] b = new byte[18];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  private static String resource(String name) {
    try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("report resource " + name + " missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
