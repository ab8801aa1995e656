package dev.visualreview;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How a screenshot is taken. Immutable; start from {@link #defaults()} or {@link #builder()} and
 * derive variants with {@link #toBuilder()}.
 *
 * <p>The defaults aim at pixels that are identical run after run: animations disabled, caret
 * hidden, web fonts awaited, CSS pixels (device pixel ratio normalised to 1) and a stability check
 * that retakes the screenshot until two consecutive captures agree.
 *
 * <p>Masks: each entry is either a CSS selector ({@code String}, every matching element is masked)
 * or an element handle of the engine in use (a Playwright {@code Locator} or a Selenium {@code
 * WebElement}). Masked elements are painted over with {@link #maskColor()} before capturing.
 */
public final class CaptureOptions {

  /** The pixel scale of the produced image. */
  public enum Scale {
    /** One image pixel per CSS pixel, whatever the device pixel ratio (the default). */
    CSS,
    /** One image pixel per device pixel: a DPR-2 page gives an image twice as wide and high. */
    DEVICE;

    /** Parses {@code css} or {@code device} (case-insensitive). */
    public static Scale parse(String value) {
      Objects.requireNonNull(value, "scale");
      return switch (value.trim().toLowerCase(Locale.ROOT)) {
        case "css" -> CSS;
        case "device" -> DEVICE;
        default ->
            throw new IllegalArgumentException(
                "unknown scale '" + value + "': use 'css' or 'device'");
      };
    }
  }

  /**
   * A rectangle of the page, in CSS pixels, relative to the top-left corner of the page (full-page
   * captures) or of the viewport (viewport captures).
   */
  public record Clip(double x, double y, double width, double height) {
    public Clip {
      if (!Double.isFinite(x) || !Double.isFinite(y) || x < 0 || y < 0) {
        throw new IllegalArgumentException(
            "clip origin must be finite and not negative, got (" + x + ", " + y + ")");
      }
      if (!Double.isFinite(width) || !Double.isFinite(height) || width <= 0 || height <= 0) {
        throw new IllegalArgumentException(
            "clip size must be positive, got " + width + "x" + height);
      }
    }
  }

  /** The default mask colour: magenta, which rarely occurs on real pages. */
  public static final String DEFAULT_MASK_COLOR = "#FF00FF";

  private static final Pattern HEX_COLOR = Pattern.compile("#[0-9a-fA-F]{6}");
  private static final CaptureOptions DEFAULTS = new Builder().build();

  private final boolean fullPage;
  private final List<Object> masks;
  private final String maskColor;
  private final boolean disableAnimations;
  private final boolean hideCaret;
  private final String style;
  private final Scale scale;
  private final Clip clip;
  private final boolean omitBackground;
  private final Duration timeout;
  private final boolean waitForFonts;
  private final boolean waitForNetworkIdle;
  private final boolean stable;
  private final boolean strictStability;
  private final int maxAttempts;
  private final Duration stabilityTimeout;

  private CaptureOptions(Builder b) {
    this.fullPage = b.fullPage;
    this.masks = List.copyOf(b.masks);
    this.maskColor = b.maskColor;
    this.disableAnimations = b.disableAnimations;
    this.hideCaret = b.hideCaret;
    this.style = b.style;
    this.scale = b.scale;
    this.clip = b.clip;
    this.omitBackground = b.omitBackground;
    this.timeout = b.timeout;
    this.waitForFonts = b.waitForFonts;
    this.waitForNetworkIdle = b.waitForNetworkIdle;
    this.stable = b.stable;
    this.strictStability = b.strictStability;
    this.maxAttempts = b.maxAttempts;
    this.stabilityTimeout = b.stabilityTimeout;
  }

  /** The defaults: viewport, no masks, animations off, caret hidden, CSS scale, stable. */
  public static CaptureOptions defaults() {
    return DEFAULTS;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts from these options. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Whether the whole scrollable page is captured rather than the viewport (default false). */
  public boolean fullPage() {
    return fullPage;
  }

  /** Elements to paint over: CSS selector strings, Playwright Locators or Selenium WebElements. */
  public List<Object> masks() {
    return masks;
  }

  /** The mask colour as {@code #RRGGBB} (default {@value #DEFAULT_MASK_COLOR}). */
  public String maskColor() {
    return maskColor;
  }

  /** Whether CSS animations and transitions are stopped while capturing (default true). */
  public boolean disableAnimations() {
    return disableAnimations;
  }

  /** Whether the text caret is hidden while capturing (default true). */
  public boolean hideCaret() {
    return hideCaret;
  }

  /** Extra CSS injected while capturing, or the empty string (default). */
  public String style() {
    return style;
  }

  public Scale scale() {
    return scale;
  }

  /** The region to capture, or null for the whole viewport / page (default null). */
  public Clip clip() {
    return clip;
  }

  /** Whether the default white background is made transparent (default false). */
  public boolean omitBackground() {
    return omitBackground;
  }

  /** The bound on every single wait and screenshot call (default 30 s). */
  public Duration timeout() {
    return timeout;
  }

  /** Whether to wait for {@code document.fonts.ready} before capturing (default true). */
  public boolean waitForFonts() {
    return waitForFonts;
  }

  /** Whether to wait until the network has been idle before capturing (default false). */
  public boolean waitForNetworkIdle() {
    return waitForNetworkIdle;
  }

  /** Whether the screenshot is retaken until it stops changing (default true). */
  public boolean stable() {
    return stable;
  }

  /**
   * Whether stability always needs two identical consecutive captures (true), or whether a page
   * proven quiet while the first capture was taken may skip the second one (false, the default).
   */
  public boolean strictStability() {
    return strictStability;
  }

  /** The most screenshots taken for one stable capture (default 5). */
  public int maxAttempts() {
    return maxAttempts;
  }

  /** The most time spent retaking screenshots for one stable capture (default 10 s). */
  public Duration stabilityTimeout() {
    return stabilityTimeout;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof CaptureOptions other)) {
      return false;
    }
    return fullPage == other.fullPage
        && masks.equals(other.masks)
        && maskColor.equals(other.maskColor)
        && disableAnimations == other.disableAnimations
        && hideCaret == other.hideCaret
        && style.equals(other.style)
        && scale == other.scale
        && Objects.equals(clip, other.clip)
        && omitBackground == other.omitBackground
        && timeout.equals(other.timeout)
        && waitForFonts == other.waitForFonts
        && waitForNetworkIdle == other.waitForNetworkIdle
        && stable == other.stable
        && strictStability == other.strictStability
        && maxAttempts == other.maxAttempts
        && stabilityTimeout.equals(other.stabilityTimeout);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        fullPage,
        masks,
        maskColor,
        disableAnimations,
        hideCaret,
        style,
        scale,
        clip,
        omitBackground,
        timeout,
        waitForFonts,
        waitForNetworkIdle,
        stable,
        strictStability,
        maxAttempts,
        stabilityTimeout);
  }

  @Override
  public String toString() {
    return "CaptureOptions[fullPage="
        + fullPage
        + ", masks="
        + masks.size()
        + ", maskColor="
        + maskColor
        + ", disableAnimations="
        + disableAnimations
        + ", hideCaret="
        + hideCaret
        + ", style="
        + (style.isEmpty() ? "none" : style.length() + " chars")
        + ", scale="
        + scale.name().toLowerCase(Locale.ROOT)
        + ", clip="
        + clip
        + ", omitBackground="
        + omitBackground
        + ", timeout="
        + timeout
        + ", waitForFonts="
        + waitForFonts
        + ", waitForNetworkIdle="
        + waitForNetworkIdle
        + ", stable="
        + stable
        + (stable
            ? ", strictStability="
                + strictStability
                + ", maxAttempts="
                + maxAttempts
                + ", stabilityTimeout="
                + stabilityTimeout
            : "")
        + "]";
  }

  /** Builds {@link CaptureOptions}; every setter validates its argument at once. */
  public static final class Builder {
    private boolean fullPage;
    private final List<Object> masks = new ArrayList<>();
    private String maskColor = DEFAULT_MASK_COLOR;
    private boolean disableAnimations = true;
    private boolean hideCaret = true;
    private String style = "";
    private Scale scale = Scale.CSS;
    private Clip clip;
    private boolean omitBackground;
    private Duration timeout = Duration.ofSeconds(30);
    private boolean waitForFonts = true;
    private boolean waitForNetworkIdle;
    private boolean stable = true;
    private boolean strictStability;
    private int maxAttempts = 5;
    private Duration stabilityTimeout = Duration.ofSeconds(10);

    private Builder() {}

    private Builder(CaptureOptions o) {
      fullPage = o.fullPage;
      masks.addAll(o.masks);
      maskColor = o.maskColor;
      disableAnimations = o.disableAnimations;
      hideCaret = o.hideCaret;
      style = o.style;
      scale = o.scale;
      clip = o.clip;
      omitBackground = o.omitBackground;
      timeout = o.timeout;
      waitForFonts = o.waitForFonts;
      waitForNetworkIdle = o.waitForNetworkIdle;
      stable = o.stable;
      strictStability = o.strictStability;
      maxAttempts = o.maxAttempts;
      stabilityTimeout = o.stabilityTimeout;
    }

    public Builder fullPage(boolean fullPage) {
      this.fullPage = fullPage;
      return this;
    }

    /**
     * Adds elements to mask: CSS selector strings, Playwright {@code Locator}s or Selenium {@code
     * WebElement}s. Element handles must belong to the page being captured.
     */
    public Builder mask(Object... elements) {
      Objects.requireNonNull(elements, "mask elements");
      return mask(Arrays.asList(elements));
    }

    /** Adds elements to mask; see {@link #mask(Object...)}. */
    public Builder mask(List<?> elements) {
      Objects.requireNonNull(elements, "mask elements");
      for (Object element : elements) {
        if (element == null) {
          throw new IllegalArgumentException(
              "a mask entry is null: pass a CSS selector, a Playwright Locator or a Selenium"
                  + " WebElement");
        }
        if (element instanceof String selector && selector.isBlank()) {
          throw new IllegalArgumentException("a mask CSS selector is blank: pass e.g. \"#clock\"");
        }
        if (element instanceof CharSequence && !(element instanceof String)) {
          masks.add(element.toString());
        } else {
          masks.add(element);
        }
      }
      return this;
    }

    /** Removes all masks added so far. */
    public Builder clearMasks() {
      masks.clear();
      return this;
    }

    /** The mask colour as {@code #RRGGBB}. */
    public Builder maskColor(String maskColor) {
      Objects.requireNonNull(maskColor, "maskColor");
      if (!HEX_COLOR.matcher(maskColor).matches()) {
        throw new IllegalArgumentException(
            "mask colour '" + maskColor + "' is not #RRGGBB: pass e.g. \"#FF00FF\"");
      }
      this.maskColor = maskColor.toUpperCase(Locale.ROOT);
      return this;
    }

    public Builder disableAnimations(boolean disableAnimations) {
      this.disableAnimations = disableAnimations;
      return this;
    }

    public Builder hideCaret(boolean hideCaret) {
      this.hideCaret = hideCaret;
      return this;
    }

    /** Extra CSS to inject while capturing (e.g. {@code ".ad { visibility: hidden }"}). */
    public Builder style(String css) {
      this.style = css == null ? "" : css;
      return this;
    }

    public Builder scale(Scale scale) {
      this.scale = Objects.requireNonNull(scale, "scale");
      return this;
    }

    /** {@code "css"} or {@code "device"}. */
    public Builder scale(String scale) {
      return scale(Scale.parse(scale));
    }

    /** Captures only this rectangle (CSS pixels); null captures everything. */
    public Builder clip(Clip clip) {
      this.clip = clip;
      return this;
    }

    public Builder clip(double x, double y, double width, double height) {
      return clip(new Clip(x, y, width, height));
    }

    /** Makes the page's default white background transparent. */
    public Builder omitBackground(boolean omitBackground) {
      this.omitBackground = omitBackground;
      return this;
    }

    /** Alias of {@link #omitBackground(boolean)}. */
    public Builder transparent(boolean transparent) {
      return omitBackground(transparent);
    }

    public Builder timeout(Duration timeout) {
      this.timeout = positive(timeout, "timeout");
      return this;
    }

    public Builder waitForFonts(boolean waitForFonts) {
      this.waitForFonts = waitForFonts;
      return this;
    }

    public Builder waitForNetworkIdle(boolean waitForNetworkIdle) {
      this.waitForNetworkIdle = waitForNetworkIdle;
      return this;
    }

    /** Turns the stability check off ({@code false}: one screenshot, taken as it is). */
    public Builder stable(boolean stable) {
      this.stable = stable;
      return this;
    }

    /** Always require two identical consecutive captures, even on a page proven quiet. */
    public Builder strictStability(boolean strictStability) {
      this.strictStability = strictStability;
      return this;
    }

    /** The most screenshots for one stable capture; at least 2. */
    public Builder maxAttempts(int maxAttempts) {
      if (maxAttempts < 2) {
        throw new IllegalArgumentException(
            "maxAttempts must be at least 2 (two captures are compared), got "
                + maxAttempts
                + ": use stable(false) for a single capture");
      }
      this.maxAttempts = maxAttempts;
      return this;
    }

    public Builder stabilityTimeout(Duration stabilityTimeout) {
      this.stabilityTimeout = positive(stabilityTimeout, "stabilityTimeout");
      return this;
    }

    public CaptureOptions build() {
      return new CaptureOptions(this);
    }

    private static Duration positive(Duration value, String name) {
      Objects.requireNonNull(value, name);
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, got " + value);
      }
      return value;
    }
  }
}
