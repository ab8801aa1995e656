package dev.visualreview.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visualreview.CaptureOptions;
import dev.visualreview.Snapshots;
import dev.visualreview.VisualReview;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/** Signing in through Selenium. */
@VisualReview
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignInSeleniumTest {

  private SampleApp app;
  private ChromeDriver driver;

  @BeforeAll
  void startShopAndBrowser() {
    app = SampleApp.start();
    driver = SampleBrowsers.seleniumChrome(Viewport.DESKTOP);
  }

  @BeforeEach
  void openSignIn() {
    driver.get(app.url("/signin.html"));
  }

  @AfterAll
  void stopBrowserAndShop() {
    if (driver != null) {
      driver.quit();
    }
    if (app != null) {
      app.close();
    }
  }

  @Test
  void welcomesBack(Snapshots snapshots) {
    driver.findElement(By.id("email")).sendKeys("ada@example.com");
    driver.findElement(By.id("password")).sendKeys("correct horse");
    driver.findElement(By.id("submit")).click();

    WebElement form = driver.findElement(By.id("signin-form"));
    assertThat(driver.findElement(By.id("form-error")).getText())
        .isEqualTo("Welcome back, ada@example.com.");
    snapshots.capture("welcome-back", form);
  }

  @Test
  void shortPasswordInDarkTheme(Snapshots snapshots) {
    driver.findElement(By.id("theme-toggle")).click();
    driver.findElement(By.id("email")).sendKeys("ada@example.com");
    driver.findElement(By.id("password")).sendKeys("short");
    driver.findElement(By.id("submit")).click();

    assertThat(driver.findElement(By.id("form-error")).getText())
        .isEqualTo("Passwords have at least 8 characters.");
    snapshots.capture(
        "short-password-dark", driver, CaptureOptions.builder().mask("#clock").build());
  }
}
