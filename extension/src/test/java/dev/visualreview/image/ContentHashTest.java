package dev.visualreview.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The eleven content-hash vectors of visual-review-api.md section 5.3. */
class ContentHashTest {

  static final String VECTOR_2 =
      "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAYAAABytg0kAAAAFklEQVR42mP4z8DwHwgbGEA0l4jcfwA3gAW4iHGmFQAAAABJRU5ErkJggg==";

  @ParameterizedTest(name = "vector {0}")
  @CsvSource({
    "1, iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP4z8DwHwAFAAH/VscvDQAAAABJRU5ErkJggg==,"
        + " ff0000ff, d13ae033ec7ac1cd0e1aba0113e0ecf3ca5723adf50d2276d4df853db063b7f0",
    "2, "
        + VECTOR_2
        + ","
        + " ff0000ff00ff00800000ff000a141eff, 7be554b786d488fc4cbd7344b8ffa6c7d383b08dc7e9e07ff42f3cfdc1e9065e",
    "4, iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAIAAAB7QOjdAAAAD0lEQVR42mPgEpHTMLIBAAI3ANPiLe2fAAAAAElFTkSuQmCC,"
        + " 0a141eff28323cff, 9776315435f1b0fdb3898f88fe17677487ef9b6f60a563ed4947fe85578dd553",
    "5, iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAAAAABX3VL4AAAADklEQVR42mNgaGA48R8ABJUCSAzAuJUAAAAASUVORK5CYII=,"
        + " 000000ff808080ffc8c8c8ffffffffff, 9f62fdbd2d9a3ce39903fa8049c3b1c26435421b74b682d6cf49bbb682749641",
    "6, iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAMAAADD/I+4AAAABlBMVEX/AAAAAP9sof2OAAAAAnRSTlP/QJNrcdoAAAALSURBVHjaY2BgBAAABAACLN5IrQAAAABJRU5ErkJggg==,"
        + " ff0000ff0000ff40, 13f1fb465aa0636103f72ee3f9c72ee8ffa2d0e90b01f50d65a1ab8d9f352681",
    "7, iVBORw0KGgoAAAANSUhEUgAAAAEAAAABEAYAAABPhRjKAAAAEUlEQVR42mMQMll99v//BgYAEgEEPVW+qBsAAAAASUVORK5CYII=,"
        + " 12abff80, b127daeb38d4e014eb990106017fa137f6d5d589ac427400c379aaf64de0a6c6",
    "8, iVBORw0KGgoAAAANSUhEUgAAAAEAAAABEAYAAABPhRjKAAAADklEQVR42mMQ+s/wH4QAE4YFDoKMmKoAAAAASUVORK5CYII=,"
        + " 1200ffff, 9e1b1a3fbd9bd8a55bda49cee0193fa4ec5749abc24fec4a6f9a89931c01de6d",
    "9, iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAQAAABeK7cBAAAADUlEQVR42mNI+W/EAAAE9gGWZUBouAAAAABJRU5ErkJggg==,"
        + " 646464ff32323200, 0f8106d344b3393929731228a9384810ac9aef2aed995f3e4b0e2ba6b69c0927",
    "10, iVBORw0KGgoAAAANSUhEUgAAAAgAAAABAQAAAADLe9LuAAAACklEQVR42mPYAAAAsgCx+IKSpwAAAABJRU5ErkJggg==,"
        + " ffffffff000000ffffffffffffffffff000000ff000000ff000000ff000000ff,"
        + " d04ce6934b35fc672e0c829ea85d0edc53bcc32ad0b0204ed9b2da2c632a458d",
  })
  void decodesAndHashesTheSpecificationVectors(
      int vector, String base64, String rgbaHex, String contentHash) {
    byte[] png = Base64.getDecoder().decode(base64);

    RgbaImage image = PngDecoder.decode(png);
    ImageHash hash = ContentHash.of(png);

    assertThat(HexFormat.of().formatHex(image.rgba())).isEqualTo(rgbaHex);
    assertThat(hash.contentHash()).isEqualTo(contentHash);
    assertThat(hash.width()).isEqualTo(image.width());
    assertThat(hash.height()).isEqualTo(image.height());
  }

  @Test
  void vector3CompressionLevelAndAncillaryChunksDoNotChangeTheHash() {
    int[] samples = {255, 0, 0, 255, 0, 255, 0, 128, 0, 0, 255, 0, 10, 20, 30, 255};
    byte[] withText =
        new PngBuilder(2, 2, 6, 8)
            .samples(samples)
            .level(0)
            .filters(row -> 0)
            .chunk("tEXt", "Comment\0re-encoded".getBytes(StandardCharsets.ISO_8859_1))
            .build();
    byte[] withGamma =
        new PngBuilder(2, 2, 6, 8)
            .samples(samples)
            .chunk("gAMA", new byte[] {0, 0, (byte) 0xB1, (byte) 0x8F})
            .build();
    String expected = "7be554b786d488fc4cbd7344b8ffa6c7d383b08dc7e9e07ff42f3cfdc1e9065e";

    assertThat(ContentHash.of(withText).contentHash()).isEqualTo(expected);
    assertThat(ContentHash.of(withGamma).contentHash()).isEqualTo(expected);
    assertThat(withText).isNotEqualTo(Base64.getDecoder().decode(VECTOR_2));
  }

  @Test
  void vector11GradientExercisesMultiChunkBlake3() throws Exception {
    int[] samples = new int[64 * 64 * 4];
    byte[] raw = new byte[64 * 64 * 4];
    for (int y = 0; y < 64; y++) {
      for (int x = 0; x < 64; x++) {
        int i = (y * 64 + x) * 4;
        samples[i] = (4 * x) % 256;
        samples[i + 1] = (4 * y) % 256;
        samples[i + 2] = (x + y) % 256;
        samples[i + 3] = 255;
        for (int c = 0; c < 4; c++) {
          raw[i + c] = (byte) samples[i + c];
        }
      }
    }
    assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw)))
        .isEqualTo("e794050e4cdd431f06af5a4c6bc2252c857d5c82855b006b9e98e023a8acedc8");
    String expected = "8c7f182f5f87fc31c6830da800119217856079277ce30d86f6ed0b50426d742a";

    assertThat(Blake3.hex(Blake3.hash(raw))).isEqualTo(expected);
    for (byte[] png :
        new byte[][] {
          new PngBuilder(64, 64, 6, 8).samples(samples).build(),
          new PngBuilder(64, 64, 6, 8).samples(samples).interlaced().build(),
          new PngBuilder(64, 64, 6, 8)
              .samples(samples)
              .level(Deflater.BEST_COMPRESSION)
              .idatChunkSize(100)
              .build()
        }) {
      ImageHash hash = ContentHash.of(png);
      assertThat(hash).isEqualTo(new ImageHash(expected, 64, 64));
    }
  }
}
