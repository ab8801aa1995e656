package dev.visualreview.report;

import static dev.visualreview.report.ReportFixtures.ONERROR;
import static dev.visualreview.report.ReportFixtures.SCRIPT;
import static dev.visualreview.report.ReportFixtures.changed;
import static dev.visualreview.report.ReportFixtures.outcome;
import static dev.visualreview.report.ReportFixtures.verdict;
import static dev.visualreview.run.VerdictBuilder.verdict;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.visualreview.baseline.SnapshotFileNames;
import dev.visualreview.run.ChangeKind;
import dev.visualreview.run.Conclusion;
import dev.visualreview.run.RunOutcome;
import dev.visualreview.run.RunStatus;
import dev.visualreview.run.SnapshotResult;
import dev.visualreview.run.SnapshotVerdict;
import dev.visualreview.run.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportsTest {
  @TempDir Path dir;

  /** Issue 12: a writer killed mid-write left its temporary file in the report folder for good. */
  @Test
  void writingAReportRemovesWhatAKilledWriterLeftThere() throws Exception {
    long dead = dev.visualreview.storage.AtomicFilesTest.deadPid();
    Path debris = Files.writeString(dir.resolve(".vr-" + dead + "-0123456789abcdef.tmp"), "{");
    Files.setLastModifiedTime(
        debris,
        java.nio.file.attribute.FileTime.from(
            java.time.Instant.now().minus(java.time.Duration.ofMinutes(5))));

    Reports.write(
        outcome(
            "local",
            Verdict.PASS,
            List.of(verdict("Home--a--b", SnapshotResult.UNCHANGED, "exact", ""))),
        dir);

    assertThat(debris).doesNotExist();
    assertThat(dir.resolve("result.json")).exists();
  }

  @Test
  void writesResultJsonWithTheDocumentedSchema() throws Exception {
    Path index =
        Reports.write(
            outcome(
                "local",
                Verdict.FAIL,
                List.of(
                    changed(
                        "Checkout--total--cart", 3.2109, "pixel", "images/Checkout--total--cart"),
                    verdict("Home--a--b", SnapshotResult.UNCHANGED, "exact", ""))),
            dir);

    assertThat(index).isEqualTo(dir.resolve("index.html")).exists();
    JsonNode json = new ObjectMapper().readTree(dir.resolve("result.json").toFile());
    assertThat(json.get("schema_version").asInt()).isEqualTo(1);
    assertThat(json.get("mode").asText()).isEqualTo("local");
    assertThat(json.get("verdict").asText()).isEqualTo("fail");
    assertThat(json.get("exit_code").asInt()).isEqualTo(1);
    assertThat(json.get("counts").get("changed").asInt()).isEqualTo(1);
    assertThat(json.get("counts").get("new").asInt()).isZero();
    JsonNode first = json.get("snapshots").get(0);
    assertThat(first.get("identifier").asText()).isEqualTo("Checkout--total--cart");
    assertThat(first.get("result").asText()).isEqualTo("changed");
    assertThat(first.get("change_kind").asText()).isEqualTo("pixel");
    assertThat(first.get("diff_percentage").asDouble()).isEqualTo(3.2109);
    assertThat(first.get("diff_image").asText()).isEqualTo("images/Checkout--total--cart/diff.png");
    assertThat(first.get("actionable").asBoolean()).isTrue();
    assertThat(json.get("snapshots").get(1).get("classification_reason").asText())
        .isEqualTo("exact");
    assertThat(json.get("snapshots").get(1).get("diff_percentage").isNull()).isTrue();
  }

  @Test
  void htmlEscapesEverythingTheRunSupplies() throws Exception {
    SnapshotVerdict hostile =
        verdict("id" + SCRIPT, SnapshotResult.CHANGED)
            .kind(ChangeKind.PIXEL)
            .diff(1.0, 1L)
            .ssim(0.5)
            .source("Test." + SCRIPT + "()")
            .baseline("images/x/baseline.png" + ONERROR)
            .current("images/x/current.png")
            .diffImage("javascript:alert(1)")
            .reviewUrl("javascript:alert(1)")
            .note("note " + SCRIPT + ONERROR)
            .build();
    var outcome = outcome("local", Verdict.FAIL, List.of(hostile));
    outcome =
        outcome.toBuilder()
            .runId("run" + SCRIPT)
            .run("playwright", "b" + ONERROR, "c")
            .reviewUrl("javascript:alert(1)")
            .status(RunStatus.FAILED)
            .errorMessage(SCRIPT)
            .conclusion(new Conclusion.RunFailed())
            .problem("summary " + SCRIPT)
            .build();

    String html = HtmlReport.render(outcome);

    assertThat(html).doesNotContain(SCRIPT).doesNotContain(ONERROR).doesNotContain("javascript:");
    assertThat(html).contains("id&lt;script&gt;window.__pwned=1&lt;/script&gt;");
    assertThat(html).contains("&quot;onerror=&quot;");
    // exactly the report's own script element, carrying the nonce the CSP allows
    assertThat(html.split("<script", -1)).hasSize(2);
    assertThat(html).containsPattern("script-src 'nonce-([A-Za-z0-9_-]+)'");
  }

  @Test
  void reportImagesOfLongIdentifiersGetFolderNamesFileSystemsTake() throws Exception {
    ReportImages images = new ReportImages(dir);
    String longId = "LongTest--method--" + "a".repeat(494);
    String other = "LongTest--method--" + "a".repeat(493) + "b";

    String first = images.write(longId, "current", new byte[] {1});
    String second = images.write(other, "current", new byte[] {2});

    assertThat(Path.of(first).getName(1).toString())
        .hasSizeLessThanOrEqualTo(SnapshotFileNames.MAX_STEM);
    assertThat(first).isNotEqualTo(second);
    assertThat(dir.resolve(first)).hasBinaryContent(new byte[] {1});
    assertThat(dir.resolve(second)).hasBinaryContent(new byte[] {2});
    assertThat(images.write("Short--id", "diff", new byte[] {3}))
        .isEqualTo("images/Short--id/diff.png");
  }

  @Test
  void imagesOutsideTheReportFolderAreNotReferenced() {
    assertThat(Html.relativeImageUrl("images/a b/c.png")).isEqualTo("images/a%20b/c.png");
    assertThat(Html.relativeImageUrl("../secret.png")).isNull();
    assertThat(Html.relativeImageUrl("/etc/passwd")).isNull();
    assertThat(Html.relativeImageUrl("file:///etc/passwd")).isNull();
    assertThat(Html.relativeImageUrl("https://example.com/x.png")).isNull();
    assertThat(Html.httpUrl("https://us.posthog.com/x?a=1&b=2"))
        .isEqualTo("https://us.posthog.com/x?a=1&amp;b=2");
    assertThat(Html.httpUrl("https://us.posthog.com/x?a=\"onerror=")).isNull();
    assertThat(Html.httpUrl("JavaScript:alert(1)")).isNull();
  }

  @Test
  void theStaticPageSendsMavenUsersToTheReviewCommandsManualPage() {
    String html =
        HtmlReport.render(
            outcome(
                "local",
                Verdict.FAIL,
                List.of(changed("Checkout--total--cart", 3.2, "pixel", "images/Checkout"))));
    assertThat(html)
        .contains("id=\"how-to-accept\"")
        .contains("(with Maven: see “review” in docs/cli.md)")
        .doesNotContain("README");
  }

  @Test
  void posthogModeLinksToTheReviewPage() {
    SnapshotVerdict v =
        verdict("a", SnapshotResult.CHANGED)
            .kind(ChangeKind.PIXEL)
            .diff(4.0, 10L)
            .reviewUrl("https://us.posthog.com/project/2/visual_review/runs/run-1?snapshot=s1")
            .build();
    String html = HtmlReport.render(outcome("posthog", Verdict.FAIL, List.of(v)));
    assertThat(html)
        .contains("href=\"https://us.posthog.com/project/2/visual_review/runs/run-1\"")
        .contains("runs/run-1?snapshot=s1\"")
        .as("images live on PostHog: no empty placeholders")
        .doesNotContain("no baseline image in this report");
  }

  @Test
  void consoleSummaryListsChangesAndThePath() {
    var snapshots = new java.util.ArrayList<SnapshotVerdict>();
    for (int i = 0; i < 30; i++) {
      snapshots.add(changed("s" + i, 2.5 + i, "pixel", "images/s" + i));
    }
    snapshots.add(verdict("ok", SnapshotResult.UNCHANGED, "exact", ""));
    String text =
        ConsoleSummary.render(outcome("local", Verdict.FAIL, snapshots), dir.resolve("index.html"));
    assertThat(text)
        .startsWith(
            "Visual review (local): 31 snapshots — 1 unchanged, 30 changed, 0 new, 0 removed")
        .contains("  changed: s0 (2.50% diff, pixel)\n")
        .contains("  ...and 5 more\n")
        .doesNotContain(": ok")
        .contains("Verdict: FAIL — Visual changes detected")
        .contains("Report: " + dir.resolve("index.html").toUri());
  }

  @Test
  void consoleSummaryNamesTheLocalReportOnce() {
    Path index = dir.resolve("index.html").toAbsolutePath().normalize();
    RunOutcome o =
        outcome("local", Verdict.FAIL, List.of(changed("a", 3.0, "pixel", "images/a"))).toBuilder()
            .reviewUrl(index.toString())
            .build();
    String text = ConsoleSummary.render(o, index);
    assertThat(text)
        .contains("Verdict: FAIL — Visual changes detected: 1 changed snapshot needs review\n")
        .contains("Report: " + index.toUri() + "\n");
    assertThat(text.split(java.util.regex.Pattern.quote(index.toString()), -1)).as(text).hasSize(2);
  }

  @Test
  void gitHubSummaryAndAnnotationsAreEscaped() throws Exception {
    Path summary = dir.resolve("summary.md");
    Files.writeString(summary, "earlier step\n");
    var out = new java.io.ByteArrayOutputStream();
    SnapshotVerdict v = changed("a|b" + SCRIPT, 3.0, "pixel", "images/a");
    v =
        verdict("Cart--total--a,b:c", v.result())
            .kind(ChangeKind.PIXEL)
            .diff(3.0, 1L)
            .note("100% red\nsecond line | " + SCRIPT)
            .build();
    var outcome = outcome("local", Verdict.FAIL, List.of(v));

    GitHubActionsReport.write(
        outcome,
        dir.resolve("index.html"),
        java.util.Map.of("GITHUB_ACTIONS", "true", "GITHUB_STEP_SUMMARY", summary.toString()),
        new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));

    String md = Files.readString(summary);
    assertThat(md).startsWith("earlier step\n### Visual review: FAIL (local)");
    assertThat(md).contains("100% red second line \\| &lt;script&gt;").doesNotContain(SCRIPT);
    String[] lines = out.toString(java.nio.charset.StandardCharsets.UTF_8).split("\n");
    assertThat(lines).hasSize(2);
    assertThat(lines[0])
        .startsWith(
            "::error title=Visual changed%3A Cart--total--a%2Cb%3Ac::changed: Cart--total--a,b:c")
        .contains("100%25 red second line");
    assertThat(lines[1])
        .isEqualTo(
            "::error title=Visual review::Visual changes detected: 1 changed snapshot needs review");
  }

  @Test
  void nothingIsPrintedOutsideGitHubOrOnPass() {
    var out = new java.io.ByteArrayOutputStream();
    var outcome = outcome("local", Verdict.FAIL, List.of(changed("a", 3, "pixel", "images/a")));
    GitHubActionsReport.write(outcome, null, java.util.Map.of(), new java.io.PrintStream(out));
    assertThat(out.size()).isZero();
    assertThat(GitHubActionsReport.annotations(outcome("local", Verdict.PASS, List.of())))
        .isEmpty();
    assertThat(
            GitHubActionsReport.annotations(
                outcome("local", Verdict.WARN, List.of(changed("a", 3, "pixel", "images/a")))))
        .allMatch(l -> l.startsWith("::warning "));
  }

  @Test
  void consoleShowsTheSummarysConclusionOnly() {
    var o = outcome("local", Verdict.FAIL, List.of(changed("a", 3, "pixel", "images/a")));
    o = o.toBuilder().reviewUrl("/r/index.html").build();
    assertThat(ConsoleSummary.render(o, null))
        .contains(
            "Verdict: FAIL — Visual changes detected: 1 changed snapshot needs review — review at:"
                + " /r/index.html\n")
        .doesNotContain("Report:");
  }
}
