package dev.visualreview.api;

import static dev.visualreview.api.ClientFixture.files;
import static dev.visualreview.api.ClientFixture.shot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.visualreview.api.ClientFixture.Shot;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 12: one truncated JSON answer to a poll failed the build at once. A malformed, truncated or
 * HTML body on a request that is safe to repeat is transient like a 5xx: retried with the same
 * bounded backoff. A request that must not be repeated (creating a run, finalizing) is not.
 */
class TransientBodyTest {
  private final ClientFixture f = new ClientFixture();

  @AfterEach
  void close() {
    f.close();
  }

  private String completedRun() {
    Shot a = shot("a", 1);
    CreateRunResponse created = f.client.createRun(f.createRequest("feat/t", List.of(a)));
    f.client.upload(created.uploads(), files(List.of(a)));
    f.client.completeRun(created.runId(), null);
    f.sleeper.clear();
    f.logs.clear();
    return created.runId();
  }

  @Test
  void aTruncatedAnswerToAPollIsRetried() {
    String runId = completedRun();
    f.server.faults().truncate("GET", "^/runs/[^/]+/$", 25, 1);

    Run run = f.client.waitForCompletion(runId);

    assertThat(run.status()).isEqualTo("completed");
    assertThat(f.logs)
        .anySatisfy(
            l ->
                assertThat(l)
                    .contains("Retrying request to /api/projects/2/visual_review/runs/" + runId)
                    .contains("(attempt 1/3) after 1s")
                    .contains("not valid JSON"));
    assertThat(f.sleeper.sleeps()).contains(Duration.ofSeconds(1));
  }

  @Test
  void anHtmlPageOrAnEmptyBodyWithStatus200IsRetriedForAGet() {
    f.server
        .faults()
        .body("GET", "^/repos/[^/]+/$", 200, "text/html", "<html><title>Sign in</title></html>", 1)
        .body("GET", "^/repos/[^/]+/$", 200, "application/json", "", 1);

    Repo repo = f.client.getRepo(f.server.repoId());

    assertThat(repo.repoFullName()).isEqualTo("acme/shop");
    assertThat(f.server.requests("GET", "^/repos/[^/]+/$")).hasSize(3);
    assertThat(f.sleeper.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
  }

  @Test
  void aBodyThatStaysBrokenFailsAfterTheRetriesWithAClearMessage() {
    f.server
        .faults()
        .body(
            "GET", "^/repos/[^/]+/$", 200, "application/json", "{\"count\": 1, \"results\": [", 4);

    assertThatThrownBy(() -> f.client.getRepo(f.server.repoId()))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("is not valid JSON")
        .hasMessageContaining("after 3 retries")
        .hasMessageContaining("{\"count\": 1, \"results\": [");
    assertThat(f.server.requests("GET", "^/repos/[^/]+/$")).hasSize(4);
  }

  @Test
  void completeIsIdempotentSoATruncatedAnswerIsRetried() {
    Shot a = shot("a", 1);
    CreateRunResponse created = f.client.createRun(f.createRequest("feat/c", List.of(a)));
    f.client.upload(created.uploads(), files(List.of(a)));
    f.server.faults().truncate("POST", "/complete/$", 10, 1);

    Run run = f.client.completeRun(created.runId(), null);

    assertThat(run.id()).isEqualTo(created.runId());
    assertThat(f.server.run(created.runId()).completeCalls()).isEqualTo(2);
  }

  @Test
  void creatingARunIsNotRepeatedWhenItsAnswerIsBroken() {
    f.server.faults().truncate("POST", "^/runs/$", 12, 1);

    assertThatThrownBy(() -> f.client.createRun(f.createRequest("feat/once", List.of())))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("is not valid JSON")
        .hasMessageContaining("HTTP 201")
        .hasMessageContaining("was not repeated");
    assertThat(f.server.runIds()).hasSize(1);
    assertThat(f.server.requests("POST", "^/runs/$")).hasSize(1);
  }
}
