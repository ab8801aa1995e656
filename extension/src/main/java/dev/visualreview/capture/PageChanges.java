package dev.visualreview.capture;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The temporary page changes that {@link PageScripts#PREPARE} makes for an engine and {@link
 * PageScripts#UNDO} removes: what the engine's own screenshot does not do. Playwright's screenshot
 * masks, hides the caret and adds the user's style itself, so its changes only stop animations;
 * Selenium's get everything.
 *
 * @param css CSS to inject (caret hiding, no transitions, the user's style), or empty
 * @param caretByCss the CSS hides the caret: a focused editable element needs the changes
 * @param maskColor the colour of mask boxes
 * @param maskElements elements to cover (only the Selenium executeScript path passes elements)
 * @param maskSelectors CSS selectors of elements to cover
 * @param disableAnimations pause infinite animations at their first frame, finish finite ones
 * @param required the changes cannot be skipped (masks or the user's style are in them)
 */
public record PageChanges(
    String css,
    boolean caretByCss,
    String maskColor,
    List<Object> maskElements,
    List<String> maskSelectors,
    boolean disableAnimations,
    boolean required) {

  public PageChanges {
    maskElements = List.copyOf(maskElements);
    maskSelectors = List.copyOf(maskSelectors);
  }

  /** Changes that only stop animations (what Playwright leaves to the page scripts). */
  public static PageChanges animationsOnly(boolean disableAnimations) {
    return new PageChanges("", false, "", List.of(), List.of(), disableAnimations, false);
  }

  /**
   * The script argument. {@code optional}: the script may skip the changes when nothing on the page
   * needs them (no focused editable element for the caret CSS, nothing to stop), leaving the page
   * untouched; changes that are {@link #required()} are always made.
   */
  public Map<String, Object> argument(boolean optional) {
    Map<String, Object> argument = new LinkedHashMap<>();
    argument.put("css", css);
    argument.put("caretByCss", caretByCss);
    argument.put("color", maskColor);
    argument.put("elements", new ArrayList<>(maskElements));
    argument.put("selectors", maskSelectors);
    argument.put("disableAnimations", disableAnimations);
    argument.put("optional", optional && !required);
    return argument;
  }
}
