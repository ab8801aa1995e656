package dev.visualreview.api;

import static dev.visualreview.api.ClientFixture.files;
import static dev.visualreview.api.ClientFixture.shot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.visualreview.api.ClientFixture.Shot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UploadTest {
  private final ClientFixture f = new ClientFixture();

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void oneUploadPerDistinctHashAndTheServerVerifiesIt() {
    Shot a = shot("a", 1);
    Shot sameAsA =
        new Shot(
            new ManifestItem("a-copy", a.item().contentHash(), 8, 6, Map.of()),
            new UploadFile(a.item().contentHash(), a.file().png(), "a-copy"));
    Shot b = shot("b", 2);
    CreateRunResponse created =
        f.client.createRun(f.createRequest("feat/u", List.of(a, sameAsA, b)));

    assertThat(created.uploads()).hasSize(2);
    assertThat(f.client.upload(created.uploads(), files(List.of(a, sameAsA, b)))).isEqualTo(2);
    assertThat(f.server.uploadsAccepted()).isEqualTo(2);

    f.client.completeRun(created.runId(), null);
    assertThat(f.client.waitForCompletion(created.runId()).status()).isEqualTo("completed");
    assertThat(f.server.storedHashes(f.server.repoId()))
        .containsExactlyInAnyOrder(a.item().contentHash(), b.item().contentHash());

    CreateRunResponse again = f.client.createRun(f.createRequest("feat/u2", List.of(a, b)));
    assertThat(again.uploads()).as("hashes the repo holds are not uploaded again").isEmpty();
  }

  @Test
  void targetsForHashesWeDoNotHoldAreIgnored() {
    Shot a = shot("a", 1);
    CreateRunResponse created = f.client.createRun(f.createRequest("feat/ign", List.of(a)));
    assertThat(f.client.upload(created.uploads(), List.of())).isZero();
    assertThat(f.server.uploadsAccepted()).isZero();
  }

  @Test
  void atMostTenUploadsRunAtOnce() {
    List<Shot> shots = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      shots.add(shot("s" + i, 100 + i));
    }
    CreateRunResponse created = f.client.createRun(f.createRequest("feat/many", shots));
    f.server.faults().uploadDelay(Duration.ofMillis(60));

    assertThat(f.client.upload(created.uploads(), files(shots))).isEqualTo(25);

    assertThat(f.server.maxConcurrentUploads()).isBetween(2, 10);
    assertThat(f.server.uploadsAccepted()).isEqualTo(25);
  }

  @Test
  void filesOverTenMebibytesAreRefusedBeforeSendingAndNamed() {
    Shot a = shot("huge-page", 1);
    CreateRunResponse created = f.client.createRun(f.createRequest("feat/big", List.of(a)));
    byte[] big = new byte[10 * 1024 * 1024 + 1];
    assertThatThrownBy(
            () ->
                f.client.upload(
                    created.uploads(),
                    List.of(new UploadFile(a.item().contentHash(), big, "huge-page"))))
        .isInstanceOf(UploadFailedException.class)
        .hasMessageContaining("snapshot 'huge-page' is 10.0 MiB")
        .hasMessageContaining("at most 10 MiB");
    assertThat(f.server.requests()).noneMatch(r -> r.path().startsWith("/s3/"));
  }

  @Test
  void theFormCarriesTheFieldsInOrderThenContentTypeThenTheFile() {
    Shot a = shot("a", 1);
    CreateRunResponse created = f.client.createRun(f.createRequest("feat/form", List.of(a)));
    f.client.upload(created.uploads(), files(List.of(a)));

    var upload =
        f.server.requests().stream()
            .filter(r -> r.path().equals("/s3/upload"))
            .findFirst()
            .orElseThrow();
    String body = new String(upload.body(), java.nio.charset.StandardCharsets.ISO_8859_1);
    int key = body.indexOf("name=\"key\"");
    int signature = body.indexOf("name=\"x-amz-signature\"");
    int type = body.indexOf("name=\"Content-Type\"\r\n\r\nimage/png");
    int file = body.indexOf("name=\"file\"; filename=\"blob\"\r\nContent-Type: image/png");
    assertThat(key).isGreaterThanOrEqualTo(0).isLessThan(signature);
    assertThat(signature).isLessThan(type);
    assertThat(type).isLessThan(file);
    assertThat(upload.authScheme()).as("no PostHog key goes to object storage").isEmpty();
  }

  @Test
  void transientStorageFailuresAreRetried() {
    Shot a = shot("a", 1);
    CreateRunResponse created = f.client.createRun(f.createRequest("feat/s3retry", List.of(a)));
    f.server.faults().rejectUploads(2, 503, "SlowDown", "Please reduce your request rate.");
    assertThat(f.client.upload(created.uploads(), files(List.of(a)))).isEqualTo(1);
    assertThat(f.sleeper.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
  }

  @Test
  void storageThatKeepsFailingCountsAsUnreachableButARefusalDoesNot() {
    Shot a = shot("a", 1);
    CreateRunResponse created = f.client.createRun(f.createRequest("feat/s3down", List.of(a)));
    f.server.faults().rejectUploads(4, 503, "SlowDown", "Please reduce your request rate.");
    assertThatThrownBy(() -> f.client.upload(created.uploads(), files(List.of(a))))
        .isInstanceOfSatisfying(
            UploadFailedException.class, e -> assertThat(e.serviceUnreachable()).isTrue())
        .hasMessageContaining("1 of 1 artifact upload(s) failed")
        .hasMessageContaining("SlowDown");
    f.server.faults().rejectUploads(1, 403, "AccessDenied", "Request has expired");
    assertThatThrownBy(() -> f.client.upload(created.uploads(), files(List.of(a))))
        .isInstanceOfSatisfying(
            UploadFailedException.class, e -> assertThat(e.serviceUnreachable()).isFalse());
  }
}
