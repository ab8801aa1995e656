package dev.visualreview.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SnapshotIdentifiersTest {
  private static final String DEFAULT = "{class}--{method}--{name}";

  private static String render(String template, String method, String name, Integer index) {
    return SnapshotIdentifiers.render(
        template, new SnapshotIdentifiers.Parts("CheckoutTest", method, name, index, "total()"));
  }

  @Test
  void defaultTemplateJoinsClassMethodAndName() {
    assertThat(render(DEFAULT, "total", "cart", null)).isEqualTo("CheckoutTest--total--cart");
  }

  @Test
  void charactersOutsideTheAllowedSetBecomeDashes() {
    assertThat(render(DEFAULT, "total", "cart page/dark.mode ü", null))
        .isEqualTo("CheckoutTest--total--cart-page-dark-mode--");
  }

  @Test
  void invocationIndexIsAppendedToTheMethod() {
    assertThat(render(DEFAULT, "total", "cart", 3)).isEqualTo("CheckoutTest--total-3--cart");
  }

  @Test
  void explicitIndexPlaceholderKeepsTheMethodClean() {
    assertThat(render("{class}--{method}--{name}--{index}", "total", "cart", 3))
        .isEqualTo("CheckoutTest--total--cart--3");
    assertThat(render("{class}--{method}--{name}--{index}", "total", "cart", null))
        .isEqualTo("CheckoutTest--total--cart");
  }

  @Test
  void classLevelCapturesDropTheEmptyMethod() {
    assertThat(render(DEFAULT, "", "header", null)).isEqualTo("CheckoutTest--header");
    assertThat(render("{method}--{name}", "", "header", null)).isEqualTo("header");
  }

  @Test
  void displayPlaceholderIsSanitised() {
    assertThat(render("{display}--{name}", "total", "cart", null)).isEqualTo("total----cart");
  }

  @Test
  void longIdentifiersAreCutWithAStableUniqueSuffix() {
    String longName = "x".repeat(600);
    String a = render(DEFAULT, "total", longName + "a", null);
    String b = render(DEFAULT, "total", longName + "b", null);
    assertThat(a).hasSize(512).matches("[A-Za-z0-9_-]+");
    assertThat(b).hasSize(512);
    assertThat(a).isNotEqualTo(b);
    assertThat(render(DEFAULT, "total", longName + "a", null)).isEqualTo(a);
  }

  @Test
  void identifierOfExactly512CharactersIsKept() {
    String prefix = "CheckoutTest--total--";
    String name = "n".repeat(512 - prefix.length());
    assertThat(render(DEFAULT, "total", name, null)).isEqualTo(prefix + name);
  }

  @Test
  void anInvocationIsAppendedToTheMethodByItsName() {
    SnapshotIdentifiers.Parts parts =
        new SnapshotIdentifiers.Parts("CheckoutTest", "total", "cart", 2, "total", "dark", "", "");
    assertThat(SnapshotIdentifiers.render(DEFAULT, parts))
        .isEqualTo("CheckoutTest--total-dark--cart");
    assertThat(SnapshotIdentifiers.render("{class}--{method}--{name}--{index}", parts))
        .as("an explicit {index} keeps the method clean")
        .isEqualTo("CheckoutTest--total--cart--2");
  }

  @Test
  void engineAndBrowserAreDroppedWithTheirSeparatorWhenUnknown() {
    String template = "{class}--{method}--{name}--{engine}-{browser}";
    SnapshotIdentifiers.Parts parts =
        new SnapshotIdentifiers.Parts("CheckoutTest", "total", "cart", null, "total");
    assertThat(SnapshotIdentifiers.render(template, parts.withBrowser("Playwright", "chromium")))
        .isEqualTo("CheckoutTest--total--cart--Playwright-chromium");
    assertThat(SnapshotIdentifiers.render(template, parts.withBrowser("image", "")))
        .isEqualTo("CheckoutTest--total--cart--image");
    assertThat(SnapshotIdentifiers.needsBrowser(template)).isTrue();
    assertThat(SnapshotIdentifiers.needsBrowser(DEFAULT)).isFalse();
  }

  @Test
  void wordsCollapseSeparatorsSoTheyCannotSplitAnIdentifier() {
    assertThat(SnapshotIdentifiers.words("[1] /index.html")).isEqualTo("1-index-html");
    assertThat(SnapshotIdentifiers.words("  ")).isEmpty();
  }
}
