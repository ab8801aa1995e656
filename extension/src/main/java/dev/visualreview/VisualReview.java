package dev.visualreview;

import dev.visualreview.junit.VisualReviewExtension;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Puts a test class under visual review: its test methods, constructors and lifecycle methods can
 * take a {@link Snapshots} parameter, each test's snapshots are judged when it ends, and the
 * class's snapshots go to the run (PostHog Visual Review, or local baselines) when the class ends.
 *
 * <p>Works on composed annotations too:
 *
 * <pre>{@code
 * @Target(ElementType.TYPE)
 * @Retention(RetentionPolicy.RUNTIME)
 * @VisualReview
 * @Tag("visual")
 * public @interface VisualTest {}
 * }</pre>
 *
 * <p>With JUnit's extension auto-detection enabled ({@code
 * junit.jupiter.extensions.autodetection.enabled=true}) the annotation is optional: every class
 * that takes a {@link Snapshots} parameter is under visual review.
 *
 * <p>Settings come from JUnit configuration parameters; see {@link ConfigKeys}.
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(VisualReviewExtension.class)
// The extension class stays internal: JUnit instantiates it reflectively (module-info opens its
// package to JUnit), users never name it.
@SuppressWarnings("exports")
public @interface VisualReview {}
