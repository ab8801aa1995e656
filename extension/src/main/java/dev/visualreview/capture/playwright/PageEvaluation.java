package dev.visualreview.capture.playwright;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Runs one of the capture's page scripts in the page's main world and returns its result object.
 *
 * <p>On Chromium it is one DevTools {@code Runtime.evaluate} through the page's {@link
 * DevToolsSessions} session, which skips Playwright's own evaluation layer (argument and result
 * serialisation through its utility script) and measured about 0.4 ms cheaper a call; the scripts
 * take and return plain JSON, so nothing of that layer is needed. Other browsers use {@code
 * page.evaluate}.
 */
final class PageEvaluation {
  private static final Gson GSON = new Gson();

  private PageEvaluation() {}

  static Map<String, Object> evaluate(Page page, String function, Map<String, Object> argument) {
    Optional<CDPSession> session = DevToolsSessions.of(page);
    if (session.isEmpty()) {
      return facts(page.evaluate(function, argument));
    }
    JsonObject parameters = new JsonObject();
    parameters.addProperty("expression", "(" + function + ")(" + GSON.toJson(argument) + ")");
    parameters.addProperty("returnByValue", true);
    parameters.addProperty("awaitPromise", true);
    JsonObject response;
    try {
      response = session.get().send("Runtime.evaluate", parameters);
    } catch (PlaywrightException e) {
      if (AnswerDeadline.gaveUp(e)) {
        throw e;
      }
      DevToolsSessions.forget(page);
      return facts(page.evaluate(function, argument));
    }
    JsonElement exception = response == null ? null : response.get("exceptionDetails");
    if (exception != null) {
      throw new PlaywrightException("the capture's page script failed: " + describe(exception));
    }
    JsonElement result = response == null ? null : response.get("result");
    JsonElement value =
        result != null && result.isJsonObject() ? result.getAsJsonObject().get("value") : null;
    return value != null && value.isJsonObject()
        ? facts(GSON.fromJson(value, Map.class))
        : Map.of();
  }

  private static String describe(JsonElement exception) {
    if (exception.isJsonObject()) {
      JsonObject details = exception.getAsJsonObject();
      JsonElement thrown = details.get("exception");
      if (thrown != null
          && thrown.isJsonObject()
          && thrown.getAsJsonObject().get("description") != null) {
        return thrown.getAsJsonObject().get("description").getAsString();
      }
      if (details.get("text") != null) {
        return details.get("text").getAsString();
      }
    }
    return exception.toString();
  }

  private static Map<String, Object> facts(Object evaluated) {
    Map<String, Object> facts = new LinkedHashMap<>();
    if (evaluated instanceof Map<?, ?> map) {
      map.forEach((key, value) -> facts.put(String.valueOf(key), value));
    }
    return facts;
  }
}
