package dev.visualreview.run;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class IdentifierLedgerTest {
  private final IdentifierLedger ledger = new IdentifierLedger();

  @Test
  void secondTestWithTheSameIdentifierFailsNamingBothTests() {
    ledger.claim(
        "Cart--cart", "cart", new IdentifierLedger.Owner("g1", "a1", "CheckoutTest.total()"));
    assertThatThrownBy(
            () ->
                ledger.claim(
                    "Cart--cart",
                    "cart",
                    new IdentifierLedger.Owner("g2", "a2", "CheckoutTest.summary()")))
        .isInstanceOf(DuplicateSnapshotException.class)
        .hasMessageContaining("snapshot 'cart' in CheckoutTest.summary()")
        .hasMessageContaining("same identifier as in CheckoutTest.total()")
        .hasMessageContaining("pass a distinct name");
  }

  @Test
  void sameNameTwiceInOneTestFails() {
    IdentifierLedger.Owner owner = new IdentifierLedger.Owner("g1", "a1", "CheckoutTest.total()");
    ledger.claim("id", "cart", owner);
    assertThatThrownBy(() -> ledger.claim("id", "cart", owner))
        .hasMessageContaining("captured twice in CheckoutTest.total()");
  }

  @Test
  void laterAttemptOfTheSameGroupTakesOver() {
    ledger.claim("id", "cart", new IdentifierLedger.Owner("g1", "attempt-1", "T.t() [1]"));
    assertThatCode(
            () ->
                ledger.claim(
                    "id", "cart", new IdentifierLedger.Owner("g1", "attempt-2", "T.t() [2]")))
        .doesNotThrowAnyException();
  }

  @Test
  void releasedIdentifiersCanBeClaimedByAnotherTest() {
    ledger.claim("id", "cart", new IdentifierLedger.Owner("g1", "a1", "T.a()"));
    ledger.releaseAll(List.of("id"), "a1");
    assertThatCode(
            () -> ledger.claim("id", "cart", new IdentifierLedger.Owner("g2", "a2", "T.b()")))
        .doesNotThrowAnyException();
  }

  @Test
  void releaseByAnotherAttemptKeepsTheCurrentOwner() {
    ledger.claim("id", "cart", new IdentifierLedger.Owner("g1", "a2", "T.a()"));
    ledger.releaseAll(List.of("id"), "a1");
    assertThatThrownBy(
            () -> ledger.claim("id", "cart", new IdentifierLedger.Owner("g2", "b", "T.b()")))
        .isInstanceOf(DuplicateSnapshotException.class);
  }

  @Test
  void twoNamesThatBecomeTheSameIdentifierAreBothNamed() {
    IdentifierLedger.Owner owner = new IdentifierLedger.Owner("g1", "a1", "CheckoutTest.total()");
    ledger.claim("CheckoutTest--total--my-shot", "my shot", owner);
    assertThatThrownBy(() -> ledger.claim("CheckoutTest--total--my-shot", "my-shot", owner))
        .isInstanceOf(DuplicateSnapshotException.class)
        .hasMessageContaining("'my shot'")
        .hasMessageContaining("'my-shot'")
        .hasMessageContaining("CheckoutTest--total--my-shot")
        .hasMessageNotContaining("captured twice");
  }

  @Test
  void anotherTestsNameIsShownWhenItDiffersFromThisOne() {
    ledger.claim(
        "Cart--my-shot", "my shot", new IdentifierLedger.Owner("g1", "a1", "CheckoutTest.total()"));
    assertThatThrownBy(
            () ->
                ledger.claim(
                    "Cart--my-shot",
                    "my/shot",
                    new IdentifierLedger.Owner("g2", "a2", "CheckoutTest.summary()")))
        .hasMessageContaining("snapshot 'my/shot' in CheckoutTest.summary()")
        .hasMessageContaining("'my shot' in CheckoutTest.total()");
  }
}
