package dev.visualreview.junit;

import dev.visualreview.Snapshots;
import dev.visualreview.VisualReview;
import java.lang.reflect.Executable;
import java.util.Arrays;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Which test classes are under visual review: those annotated with {@code @VisualReview} (directly,
 * through a composed annotation, a superclass or an enclosing class) or registering the extension
 * with {@code @ExtendWith}, and, when JUnit's extension auto-detection is enabled, those that take
 * a {@code Snapshots} parameter. The answers are pure functions of the class, cached per class.
 */
final class VisualClasses {
  /** JUnit's switch for registering extensions found through {@code META-INF/services}. */
  static final String AUTODETECTION = "junit.jupiter.extensions.autodetection.enabled";

  private static final ClassValue<Boolean> ANNOTATED =
      new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
          for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
            if (AnnotationSupport.isAnnotated(c, VisualReview.class) || extendsWithUs(c)) {
              return true;
            }
          }
          return false;
        }
      };

  private static final ClassValue<Boolean> TAKES_SNAPSHOTS =
      new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
          for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            try {
              if (Arrays.stream(c.getDeclaredMethods()).anyMatch(VisualClasses::takes)
                  || Arrays.stream(c.getDeclaredConstructors()).anyMatch(VisualClasses::takes)) {
                return true;
              }
            } catch (LinkageError e) {
              return false; // a class whose signatures cannot be resolved runs no test either
            }
          }
          return false;
        }
      };

  private VisualClasses() {}

  /** Annotated for visual review, or registering the extension explicitly. */
  static boolean annotated(Class<?> type) {
    return ANNOTATED.get(type);
  }

  /** Declares (or inherits) a constructor or method with a {@code Snapshots} parameter. */
  static boolean takesSnapshots(Class<?> type) {
    return TAKES_SNAPSHOTS.get(type);
  }

  /**
   * Whether the extension works on the class in a test plan: it is annotated, or auto-detection is
   * enabled and it takes {@code Snapshots}.
   */
  static boolean visual(Class<?> type, boolean autodetection) {
    return annotated(type) || (autodetection && takesSnapshots(type));
  }

  private static boolean takes(Executable executable) {
    return Arrays.asList(executable.getParameterTypes()).contains(Snapshots.class);
  }

  private static boolean extendsWithUs(Class<?> type) {
    return AnnotationSupport.findRepeatableAnnotations(type, ExtendWith.class).stream()
        .anyMatch(e -> Arrays.asList(e.value()).contains(VisualReviewExtension.class));
  }
}
