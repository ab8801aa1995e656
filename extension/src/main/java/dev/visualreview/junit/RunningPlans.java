package dev.visualreview.junit;

import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The test plans running in this JVM that contain visual tests, as the Platform listener saw them
 * start: how the extension, which only sees its own classes, learns what the whole run contains
 * (partial or whole suite, the configuration parameters set). The listener adds a plan when it
 * starts and removes it when it finishes; nothing else lives here. This is the library's only
 * static state: a listener and the Jupiter extension share no store on JUnit 5.10.
 */
final class RunningPlans {
  private static final CopyOnWriteArrayList<ObservedPlan> PLANS = new CopyOnWriteArrayList<>();

  private RunningPlans() {}

  static void started(ObservedPlan plan) {
    PLANS.add(plan);
  }

  static void finished(ObservedPlan plan) {
    PLANS.remove(plan);
  }

  /**
   * The running plan that contains the test or container with this unique id; empty when none or
   * more than one does (tests run by an engine directly, e.g. by EngineTestKit, have no plan).
   */
  static Optional<ObservedPlan> containing(String uniqueId) {
    ObservedPlan found = null;
    for (ObservedPlan plan : PLANS) {
      if (plan.contains(uniqueId)) {
        if (found != null) {
          return Optional.empty();
        }
        found = plan;
      }
    }
    return Optional.ofNullable(found);
  }
}
