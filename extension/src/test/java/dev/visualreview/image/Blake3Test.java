package dev.visualreview.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Blake3Test {

  /** Official vectors (BLAKE3-team/BLAKE3 test_vectors.json, first 32 bytes of "hash"). */
  @ParameterizedTest(name = "{0} bytes")
  @CsvSource({
    "0, af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262",
    "1, 2d3adedff11b61f14c886e35afa036736dcd87a74d27b5c1510225d0f592e213",
    "1023, 10108970eeda3eb932baac1428c7a2163b0e924c9a9e25b35bba72b28f70bd11",
    "1024, 42214739f095a406f3fc83deb889744ac00df831c10daa55189b5d121c855af7",
    "1025, d00278ae47eb27b34faecf67b4fe263f82d5412916c1ffd97c8cb7fb814b8444",
    "2048, e776b6028c7cd22a4d0ba182a8bf62205d2ef576467e838ed6f2529b85fba24a",
    "2049, 5f4d72f40d7a5f82b15ca2b2e44b1de3c2ef86c426c95c1af0b6879522563030",
    "3072, b98cb0ff3623be03326b373de6b9095218513e64f1ee2edd2525c7ad1e5cffd2",
    "3073, 7124b49501012f81cc7f11ca069ec9226cecb8a2c850cfe644e327d22d3e1cd3",
    "4096, 015094013f57a5277b59d8475c0501042c0b642e531b0a1c8f58d2163229e969",
    "4097, 9b4052b38f1c5fc8b1f9ff7ac7b27cd242487b3d890d15c96a1c25b8aa0fb995",
    "5120, 9cadc15fed8b5d854562b26a9536d9707cadeda9b143978f319ab34230535833",
    "5121, 628bd2cb2004694adaab7bbd778a25df25c47b9d4155a55f8fbd79f2fe154cff",
    "6144, 3e2e5b74e048f3add6d21faab3f83aa44d3b2278afb83b80b3c35164ebeca205",
    "6145, f1323a8631446cc50536a9f705ee5cb619424d46887f3c376c695b70e0f0507f",
    "7168, 61da957ec2499a95d6b8023e2b0e604ec7f6b50e80a9678b89d2628e99ada77a",
    "7169, a003fc7a51754a9b3c7fae0367ab3d782dccf28855a03d435f8cfe74605e7817",
    "8192, aae792484c8efe4f19e2ca7d371d8c467ffb10748d8a5a1ae579948f718a2a63",
    "8193, bab6c09cb8ce8cf459261398d2e7aef35700bf488116ceb94a36d0f5f1b7bc3b",
    "16384, f875d6646de28985646f34ee13be9a576fd515f76b5b0a26bb324735041ddde4",
    "31744, 62b6960e1a44bcc1eb1a611a8d6235b6b4b78f32e7abc4fb4c6cdcce94895c47",
    "102400, bc3e3d41a1146b069abffad3c0d44860cf664390afce4d9661f7902e7943e085",
  })
  void matchesOfficialTestVectors(int length, String expected) {
    assertThat(Blake3.hex(Blake3.hash(officialInput(length)))).isEqualTo(expected);
  }

  @Test
  void hashesTheSanityStringsOfTheSpecification() {
    assertThat(Blake3.hex(Blake3.hash(new byte[0])))
        .isEqualTo("af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262");
    assertThat(Blake3.hex(Blake3.hash("abc".getBytes(StandardCharsets.US_ASCII))))
        .isEqualTo("6437b3ac38465133ffb63b75273a8db548c558465d79db03fd359c6cd5bd9d85");
  }

  @Test
  void staysCorrectAfterJit() {
    // Regression guard: an earlier recursive version returned wrong digests once C2 compiled it.
    byte[] small = officialInput(4097);
    byte[] large = officialInput(102_400);
    for (int i = 0; i < 20_000; i++) {
      assertThat(Blake3.hex(Blake3.hash(small)))
          .as("iteration %d", i)
          .isEqualTo("9b4052b38f1c5fc8b1f9ff7ac7b27cd242487b3d890d15c96a1c25b8aa0fb995");
      if (i % 40 == 0) {
        assertThat(Blake3.hex(Blake3.hash(large)))
            .as("iteration %d", i)
            .isEqualTo("bc3e3d41a1146b069abffad3c0d44860cf664390afce4d9661f7902e7943e085");
      }
    }
  }

  @Test
  void staysCorrectAfterJitOnScreenshotSizedInputs() {
    // A 1280x720 RGBA screenshot; the expected digest was computed with -Xint. C2 once returned
    // different digests for it from the third call on (VarHandle stores in parent()).
    byte[] input = officialInput(3_686_400);
    for (int i = 0; i < 300; i++) {
      assertThat(Blake3.hex(Blake3.hash(input)))
          .as("iteration %d", i)
          .isEqualTo("99f2555d4d87ac6b61142cf18eff5ba2785d663257747970afb8760ea2ec0631");
    }
  }

  @Test
  void hashesASliceLikeACopyOfIt() {
    byte[] data = officialInput(200_000);
    byte[] slice = java.util.Arrays.copyOfRange(data, 7, 7 + 102_400);
    assertThat(Blake3.hash(data, 7, 102_400)).isEqualTo(Blake3.hash(slice));
  }

  @Test
  void parallelHashOfLargeInputsEqualsTheSequentialTree() {
    Random random = new Random(42);
    for (int length :
        new int[] {
          Blake3.PARALLEL_THRESHOLD - 1,
          Blake3.PARALLEL_THRESHOLD,
          Blake3.PARALLEL_THRESHOLD + 1,
          3_686_400,
          1_000_003
        }) {
      byte[] data = new byte[length];
      random.nextBytes(data);
      int leftLen = Blake3.leftSubtreeLength(length);
      int[] left = Blake3.subtree(data, 0, leftLen, 0);
      int[] right = Blake3.subtree(data, leftLen, length - leftLen, leftLen / 1024);
      assertThat(Blake3.hash(data))
          .as("length %d", length)
          .isEqualTo(Blake3.rootOfParent(left, right));
    }
  }

  static byte[] officialInput(int length) {
    byte[] input = new byte[length];
    for (int i = 0; i < length; i++) {
      input[i] = (byte) (i % 251);
    }
    return input;
  }
}
