package dev.visualreview.image.png;

/** The seven passes of Adam7 interlacing. */
final class Adam7 {
  private static final int[] START_X = {0, 4, 0, 2, 0, 1, 0};
  private static final int[] START_Y = {0, 0, 4, 0, 2, 0, 1};
  private static final int[] STEP_X = {8, 8, 4, 4, 2, 2, 1};
  private static final int[] STEP_Y = {8, 8, 8, 4, 4, 2, 2};

  private Adam7() {}

  static int startX(int pass) {
    return START_X[pass];
  }

  static int startY(int pass) {
    return START_Y[pass];
  }

  static int stepX(int pass) {
    return STEP_X[pass];
  }

  static int stepY(int pass) {
    return STEP_Y[pass];
  }

  static int passWidth(int pass, int width) {
    return (int) (((long) width - START_X[pass] + STEP_X[pass] - 1) / STEP_X[pass]);
  }

  static int passHeight(int pass, int height) {
    return (int) (((long) height - START_Y[pass] + STEP_Y[pass] - 1) / STEP_Y[pass]);
  }
}
