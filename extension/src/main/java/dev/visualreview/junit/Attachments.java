package dev.visualreview.junit;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.function.ThrowingConsumer;

/**
 * Publishes images to the test's report with {@code ExtensionContext.publishFile} (JUnit 5.12+), so
 * IDEs and report tools show them next to the test. Older JUnit versions do not have the method;
 * there this does nothing. Looked up by reflection because the method's media-type parameter moved
 * between JUnit versions and the library compiles against 5.10.
 */
final class Attachments {
  private final Method publishFile;
  private final Object imagePng;

  private Attachments(Method publishFile, Object imagePng) {
    this.publishFile = publishFile;
    this.imagePng = imagePng;
  }

  /** Finds {@code publishFile} in the running JUnit, preferring the newest signature. */
  static Attachments detect() {
    for (String mediaType :
        new String[] {
          "org.junit.jupiter.api.MediaType", "org.junit.jupiter.api.extension.MediaType"
        }) {
      try {
        Class<?> type = Class.forName(mediaType, false, ExtensionContext.class.getClassLoader());
        Method method =
            ExtensionContext.class.getMethod(
                "publishFile", String.class, type, ThrowingConsumer.class);
        Object png = type.getMethod("parse", String.class).invoke(null, "image/png");
        return new Attachments(method, png);
      } catch (ReflectiveOperationException | LinkageError e) {
        // not this JUnit version's signature; try the next
      }
    }
    return new Attachments(null, null);
  }

  boolean supported() {
    return publishFile != null;
  }

  /** Publishes PNG bytes as {@code fileName}; a failure to publish never fails the test. */
  void publishPng(ExtensionContext context, String fileName, byte[] png) {
    publish(context, fileName, target -> Files.write(target, png));
  }

  /** Publishes a copy of an existing PNG file. */
  void publishPng(ExtensionContext context, String fileName, Path source) {
    if (Files.isRegularFile(source)) {
      publish(context, fileName, target -> Files.copy(source, target));
    }
  }

  private void publish(ExtensionContext context, String fileName, ThrowingConsumer<Path> action) {
    if (publishFile == null) {
      return;
    }
    try {
      publishFile.invoke(context, fileName, imagePng, action);
    } catch (InvocationTargetException e) {
      // e.g. a file of that name was already published for this test; attachments are a
      // convenience, the snapshot itself is recorded regardless
    } catch (ReflectiveOperationException e) {
      // same: never fail a test over an attachment
    }
  }
}
