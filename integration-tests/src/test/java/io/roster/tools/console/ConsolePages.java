package io.roster.tools.console;

import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The console as a test drives it: by the ids and data-test attributes the pages promise. */
final class ConsolePages {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final WebDriver browser;

    ConsolePages(WebDriver browser) {
        this.browser = browser;
    }

    WebDriverWait waiting() {
        return new WebDriverWait(browser, WAIT, Duration.ofMillis(100));
    }

    /** For waits that click: paced so each click's fetch lands, and blind to rows replaced meanwhile. */
    WebDriverWait polling() {
        WebDriverWait wait = new WebDriverWait(browser, WAIT, Duration.ofMillis(500));
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    WebElement byTest(String name) {
        return browser.findElement(By.cssSelector("[data-test='" + name + "']"));
    }

    /** An element's text even while it is hidden (getText() answers "" for hidden elements). */
    String text(String name) {
        return byTest(name).getDomProperty("textContent");
    }

    /** Replaces what the field {@code name} holds with {@code value}. */
    void type(String name, String value) {
        WebElement field = byTest(name);
        field.clear();
        field.sendKeys(value);
    }

    List<WebElement> rows(String tableId, String rowTest) {
        return browser.findElements(By.cssSelector("#" + tableId + " tr[data-test='" + rowTest + "']"));
    }

    List<WebElement> publisherRows() {
        return rows("publishers", "publisher-row");
    }

    void open(String page) {
        browser.findElement(By.id("nav-" + page)).click();
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("page-" + page)));
    }

    /** Types the admin token and uses it. */
    void useToken(String token) {
        type("admin-token", token);
        byTest("token-save").click();
        waiting().until(ExpectedConditions.textToBe(By.id("token-state"), "a token is set for this tab"));
    }

    void forgetToken() {
        byTest("token-clear").click();
        waiting().until(ExpectedConditions.textToBe(By.id("token-state"), "no token: changes will be refused"));
    }

    /** Searches for {@code dataId} until its service is listed (registrations reach the sessions), then opens it. */
    void openService(String dataId) {
        WebElement search = byTest("service-search");
        search.clear();
        search.sendKeys(dataId);
        polling().withMessage(() -> dataId + " is not listed; the page says: " + text("services-error")).until(d -> {
            for (WebElement open : d.findElements(By.cssSelector("#services [data-test='service-open']"))) {
                if (open.getDomAttribute("data-data-info-id").startsWith(dataId + "#")) {
                    open.click();
                    return true;
                }
            }
            byTest("service-search-button").click();
            return false;
        });
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("service-title"), dataId));
    }

    /** Clicks the open service's Refresh until {@code condition} holds. */
    void refreshUntil(BooleanSupplier condition) {
        polling().withMessage(() -> "the service's lists did not get there; the page says: " + text("service-error")).until(d -> {
            if (condition.getAsBoolean()) {
                return true;
            }
            byTest("service-refresh").click();
            return false;
        });
    }

    /** The open service's publisher row of the client at {@code clientAddress} is listed (not held back). */
    boolean lists(String clientAddress) {
        return publisherRows().stream().anyMatch(r -> clientAddress.equals(r.getDomAttribute("data-client-address")));
    }

    /** The confirmation dialog is shown, names the change, and is accepted. */
    void confirm(String expected) {
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-dialog")));
        assertThat(byTest("confirm-text").getText()).contains(expected);
        byTest("confirm-ok").click();
        waiting().until(ExpectedConditions.invisibilityOfElementLocated(By.id("confirm-dialog")));
    }

    By leverEntry(String lever, String value) {
        return By.cssSelector("#lever-list-" + lever + " [data-test='lever-entry'][data-value='" + value + "']");
    }

    /**
     * From the open service's list: client-off for the publisher of {@code app} through its row's button, confirmed;
     * returns its client address once the levers list it.
     */
    String clientOffPublisherOf(String app) {
        WebElement victim = publisherRows().stream().filter(r -> r.getText().contains(app)).findFirst().orElseThrow();
        String address = victim.getDomAttribute("data-client-address");
        victim.findElement(By.cssSelector("[data-test='publisher-client-off']")).click();
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("page-levers")));
        assertThat(byTest("lever-value-client-off").getDomProperty("value")).isEqualTo(address);
        byTest("lever-add-client-off").click();
        confirm("Turn client-off on for " + address);
        waiting().withMessage(() -> "no client-off entry; the page says: " + text("levers-error") + " " + text("levers-load-error"))
                .until(ExpectedConditions.presenceOfElementLocated(leverEntry("client-off", address)));
        assertThat(byTest("levers-error").isDisplayed()).isFalse();
        return address;
    }

    /** Removes {@code value} from {@code lever} with its Remove button, confirmed. */
    void removeLever(String lever, String value, String expectedConfirmation) {
        browser.findElement(By.cssSelector("[data-test='lever-remove'][data-lever='" + lever + "'][data-value='" + value + "']")).click();
        confirm(expectedConfirmation);
        waiting().until(ExpectedConditions.invisibilityOfElementLocated(leverEntry(lever, value)));
    }
}
