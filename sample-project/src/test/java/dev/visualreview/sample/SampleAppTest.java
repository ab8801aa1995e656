package dev.visualreview.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SampleAppTest {

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(60)).build();

  @Test
  void servesThePagesAndAssetsOnLoopback() throws Exception {
    try (SampleApp app = SampleApp.start("")) {
      assertThat(app.baseUrl()).startsWith("http://127.0.0.1:");
      HttpResponse<String> home = get(app.url("/"));
      assertThat(home.statusCode()).isEqualTo(200);
      assertThat(home.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
      assertThat(home.body()).contains("Fernbrook", "id=\"sales-chart\"", "id=\"clock\"");
      for (String path :
          new String[] {
            "/signin.html",
            "/guide.html",
            "/css/app.css",
            "/js/app.js",
            "/img/fern.png",
            "/img/logo.svg",
            "/fonts/LiberationSans-Regular.ttf"
          }) {
        assertThat(get(app.url(path)).statusCode()).as(path).isEqualTo(200);
      }
    }
  }

  @Test
  void servesTheDefaultAccentUnlessTold() throws Exception {
    try (SampleApp app = SampleApp.start(" ")) {
      assertThat(get(app.url("/css/accent.css")).body()).contains("--accent: #2f7d4f;");
    }
    try (SampleApp app = SampleApp.start("D03030")) {
      assertThat(get(app.url("/css/accent.css")).body()).contains("--accent: #d03030;");
    }
  }

  @Test
  void rejectsAnAccentThatIsNotAColourNamingTheProperty() {
    assertThatThrownBy(() -> SampleApp.start("red"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sample.accent='red'")
        .hasMessageContaining("#rrggbb");
  }

  @Test
  void answersNotFoundForUnknownPathsAndTraversal() throws Exception {
    try (SampleApp app = SampleApp.start("")) {
      assertThat(get(app.url("/nope.html")).statusCode()).isEqualTo(404);
      assertThat(get(app.url("/..%2F..%2Fpom.xml")).statusCode()).isEqualTo(404);
    }
  }

  @Test
  void stopsListeningWhenClosed() throws Exception {
    SampleApp app = SampleApp.start("");
    String url = app.url("/");
    app.close();
    assertThatThrownBy(() -> get(url)).isInstanceOf(IOException.class);
  }

  private HttpResponse<String> get(String url) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).GET().build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
