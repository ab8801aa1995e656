package dev.visualreview.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visualreview.baseline.ImageStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Issue 14: the hash cache and the image store located the cache in two different ways. */
class CacheLocationTest {

  @Test
  void oneRootForHashesAndImages() {
    CacheLocation defaults = CacheLocation.of(Optional.empty(), Map.of(), "/home/u");
    assertThat(defaults.hashes()).isEqualTo(Path.of("/home/u/.cache/visual-review/hashes"));
    assertThat(defaults.images()).isEqualTo(Path.of("/home/u/.cache/visual-review/images"));
    assertThat(defaults.secretFile())
        .isEqualTo(Path.of("/home/u/.config/visual-review/cache-secret"));

    CacheLocation xdg =
        CacheLocation.of(Optional.empty(), Map.of("XDG_CACHE_HOME", "/var/cache/u"), "/home/u");
    assertThat(xdg.root()).isEqualTo(Path.of("/var/cache/u/visual-review"));

    CacheLocation explicit =
        CacheLocation.of(
            Optional.empty(),
            Map.of("VISUALREVIEW_CACHE_DIR", "/ci/cache", "XDG_CACHE_HOME", "/var/cache/u"),
            "/home/u");
    assertThat(explicit.hashes()).isEqualTo(Path.of("/ci/cache/hashes"));
    assertThat(explicit.images()).isEqualTo(Path.of("/ci/cache/images"));

    CacheLocation configured =
        CacheLocation.of(
            Optional.of(Path.of("/opt/vr")), Map.of("VISUALREVIEW_CACHE_DIR", "/ci/cache"), "/u");
    assertThat(configured.root()).isEqualTo(Path.of("/opt/vr"));
  }

  @Test
  void aRelativeXdgDirectoryIsIgnoredAsTheSpecificationAsks() {
    assertThat(
            CacheLocation.of(
                    Optional.empty(),
                    Map.of("XDG_CACHE_HOME", "relative", "XDG_CONFIG_HOME", "rel"),
                    "/home/u")
                .secretFile())
        .isEqualTo(Path.of("/home/u/.config/visual-review/cache-secret"));
  }

  @Test
  void theHashCacheAndTheImageStoreAgreeForEveryEnvironment() {
    for (Map<String, String> env :
        List.of(
            Map.<String, String>of(),
            Map.of("XDG_CACHE_HOME", "relative"),
            Map.of("XDG_CACHE_HOME", "/x"),
            Map.of("VISUALREVIEW_CACHE_DIR", "/ci"))) {
      Path images = ImageStore.defaultDirectory(env);
      Path expected =
          CacheLocation.of(Optional.empty(), env, System.getProperty("user.home")).images();
      assertThat(images).as(env.toString()).isEqualTo(expected);
      assertThat(images.getParent().resolve("hashes"))
          .isEqualTo(
              CacheLocation.of(Optional.empty(), env, System.getProperty("user.home")).hashes());
    }
  }
}
