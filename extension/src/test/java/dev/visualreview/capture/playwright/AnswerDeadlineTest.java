package dev.visualreview.capture.playwright;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AnswerDeadlineTest {

  @Test
  void aCallThatAnswersInTimeIsNeverInterrupted() {
    try (AnswerDeadline deadline = new AnswerDeadline(60_000)) {
      assertThat(deadline.passed()).isFalse();
    }
    assertThat(Thread.interrupted()).isFalse();
  }

  @Test
  void aPassedDeadlineInterruptsTheWaitingCallerAndLeavesNoInterruptBehind() {
    boolean interruptedWhileWaiting = false;
    try (AnswerDeadline deadline = new AnswerDeadline(50)) {
      try {
        Thread.sleep(30_000); // stands for Playwright waiting for a page that does not answer
      } catch (InterruptedException e) {
        interruptedWhileWaiting = true;
      }
      assertThat(deadline.passed()).isTrue();
    }
    assertThat(interruptedWhileWaiting).isTrue();
    assertThat(Thread.interrupted()).isFalse();
  }

  @Test
  void anInterruptThatNobodyConsumedIsClearedOnClose() throws Exception {
    AnswerDeadline deadline = new AnswerDeadline(1);
    while (!deadline.passed()) {
      Thread.onSpinWait();
    }
    deadline.close();
    assertThat(Thread.interrupted()).isFalse();
  }
}
