/**
 * A small visual test suite of its own (two classes) that {@code PartialRunTest} copies into a
 * class folder of its own and runs through the JUnit Platform launcher with different selectors and
 * filters. Its classes are not named like tests, so the build never runs them directly, and {@code
 * FixtureGuard} keeps IDEs from running them.
 */
package dev.visualreview.junit.suite;
