package dev.visualreview.image.png;

/**
 * How PNG image data is decoded. Either way the pixels are the same; these are for comparison runs
 * and as escape hatches.
 *
 * @param twoThreads decode screenshot-sized RGB/RGBA images on two threads (the calling thread
 *     inflates, a pool thread unfilters behind it); false keeps decoding on the calling thread
 * @param systemInflater inflate RGB/RGBA images with the JDK's {@link java.util.zip.Inflater} (the
 *     system zlib) instead of the library's faster pure-Java inflater
 */
public record DecodeOptions(boolean twoThreads, boolean systemInflater) {

  /** Two threads, the pure-Java inflater. */
  public static final DecodeOptions DEFAULT = new DecodeOptions(true, false);

  /** The JVM switch for {@link #twoThreads()}: {@code 1} or {@code 2}. */
  public static final String THREADS_PROPERTY = "visualreview.decode.threads";

  /** The JVM switch for {@link #systemInflater()}: {@code system} or {@code java}. */
  public static final String INFLATER_PROPERTY = "visualreview.decode.inflater";

  /**
   * The options the JVM's system properties ask for ({@code -Dvisualreview.decode.threads=1},
   * {@code -Dvisualreview.decode.inflater=system}); the only place they are read.
   *
   * @throws IllegalArgumentException naming the property, its value and the allowed values
   */
  public static DecodeOptions fromSystemProperties() {
    String threads = System.getProperty(THREADS_PROPERTY);
    String inflater = System.getProperty(INFLATER_PROPERTY);
    if (threads == null && inflater == null) {
      return DEFAULT;
    }
    return new DecodeOptions(
        choice(THREADS_PROPERTY, threads, "2", "1"),
        !choice(INFLATER_PROPERTY, inflater, "java", "system"));
  }

  /** True for {@code yes} or an absent value, false for {@code no}; anything else is refused. */
  private static boolean choice(String key, String value, String yes, String no) {
    if (value == null || value.strip().equals(yes)) {
      return true;
    }
    if (value.strip().equals(no)) {
      return false;
    }
    throw new IllegalArgumentException(
        "system property "
            + key
            + " is '"
            + value
            + "': allowed values are "
            + no
            + " and "
            + yes
            + " (the default)");
  }
}
