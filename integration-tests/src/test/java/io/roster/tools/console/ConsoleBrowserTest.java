package io.roster.tools.console;

import io.roster.client.RosterClient;
import io.roster.testkit.PushRecorder;
import io.roster.testkit.TempDirs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web console in a real headless Chromium against a running cluster (three meta, two data, two sessions),
 * loaded from a session process's admin port: the overview, the service browser, the levers with their
 * confirmation, and a change refused without the token. Screenshots go to target/console-screenshots/.
 *
 * <p>The Services and Levers methods use {@code /api/services}, {@code /api/publishers}, {@code /api/subscribers}
 * and {@code /api/levers} (OPS-DESIGN sections 1 and 2).
 */
@Timeout(180)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {
    private static final String TOKEN = "console-test-token-0123456789";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static ConsoleCluster cluster;
    private static Path profile;
    private static WebDriver browser;
    private static String base;

    @BeforeAll
    static void startClusterAndBrowser() {
        cluster = ConsoleCluster.start(TOKEN);
        profile = TempDirs.create("roster-console-chromium");
        browser = HeadlessChromium.start(profile);
        base = "http://127.0.0.1:" + cluster.sessionAdminPort(0);
    }

    @AfterAll
    static void stop() {
        try {
            if (browser != null) {
                browser.quit();
            }
        } finally {
            if (cluster != null) {
                cluster.close();
            }
            TempDirs.delete(profile);
        }
    }

    private static WebDriverWait waiting() {
        return new WebDriverWait(browser, WAIT, Duration.ofMillis(100));
    }

    /** For waits that click: paced so each click's fetch lands, and blind to rows replaced meanwhile. */
    private static WebDriverWait polling() {
        WebDriverWait wait = new WebDriverWait(browser, WAIT, Duration.ofMillis(500));
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    private static WebElement byTest(String name) {
        return browser.findElement(By.cssSelector("[data-test='" + name + "']"));
    }

    /** An element's text even while it is hidden (getText() answers "" for hidden elements). */
    private static String text(String name) {
        return byTest(name).getDomProperty("textContent");
    }

    private static List<WebElement> rows(String tableId, String rowTest) {
        return browser.findElements(By.cssSelector("#" + tableId + " tr[data-test='" + rowTest + "']"));
    }

    private static void open(String page) {
        browser.findElement(By.id("nav-" + page)).click();
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("page-" + page)));
    }

    @Test
    @Order(1)
    void theOverviewShowsTheMetaLeaderTheNodesAndTheSlotGrid() {
        browser.get(base + "/");
        waiting().until(ExpectedConditions.urlToBe(base + "/console/"));
        String leader = cluster.metaLeader().meta().address();
        waiting().until(ExpectedConditions.textToBe(By.id("meta-leader"), leader));

        assertThat(browser.findElements(By.cssSelector("#meta-peers [data-test='meta-peer']")))
                .extracting(e -> e.getDomAttribute("data-address")).containsExactlyInAnyOrderElementsOf(cluster.metaPeers());
        assertThat(rows("data-nodes", "data-node")).extracting(e -> e.getDomAttribute("data-address"))
                .containsExactlyInAnyOrderElementsOf(cluster.dataAddresses());
        assertThat(rows("session-nodes", "session-node")).extracting(e -> e.getDomAttribute("data-address"))
                .containsExactlyInAnyOrderElementsOf(cluster.sessionAddresses());
        assertThat(rows("data-nodes", "data-node").get(0).getText()).contains("s ago");

        List<WebElement> cells = browser.findElements(By.cssSelector("#slot-grid [data-test='slot']"));
        assertThat(cells).hasSize(ConsoleCluster.SLOTS);
        assertThat(cells).extracting(e -> e.getDomAttribute("data-leader")).allMatch(cluster.dataAddresses()::contains);
        assertThat(cells.get(0).getCssValue("background-color")).as("coloured by its leader").isNotEqualTo(
                browser.findElements(By.cssSelector("#slot-grid [data-test='slot']")).stream()
                        .filter(c -> !c.getDomAttribute("data-leader").equals(cells.get(0).getDomAttribute("data-leader")))
                        .findFirst().orElseThrow().getCssValue("background-color"));
        assertThat(browser.findElements(By.cssSelector("#slot-legend [data-test='legend-item']")))
                .extracting(e -> e.getDomAttribute("data-address")).containsExactlyInAnyOrderElementsOf(cluster.dataAddresses());
        assertThat(byTest("slot-count").getText()).isEqualTo(Integer.toString(ConsoleCluster.SLOTS));
        assertThat(byTest("migrations").getText()).isNotBlank();

        cells.get(5).click();
        assertThat(byTest("slot-detail").getText()).startsWith("Slot 5: leader ");
        // it refreshes itself
        String updated = byTest("overview-updated").getText();
        waiting().until(d -> !byTest("overview-updated").getText().equals(updated));
        assertThat(byTest("overview-error").isDisplayed()).isFalse();
        HeadlessChromium.screenshot(browser, "overview.png");
    }

    /** Needs the query API (/api/services, /api/publishers, /api/subscribers). */
    @Test
    @Order(2)
    void theServicesPageFindsAServiceAndListsBothPublishers() {
        RosterClient a = cluster.client(0, "orders");
        RosterClient b = cluster.client(1, "billing");
        a.publish("com.example.console.Search", "10.0.0.1:8080");
        b.publish("com.example.console.Search", "10.0.0.2:8080");
        cluster.client(1, "web").subscribe("com.example.console.Search", new PushRecorder()::onData);
        browser.get(base + "/console/#services");
        openService("com.example.console.Search");
        refreshUntil(() -> rows("publishers", "publisher-row").size() == 2 && rows("subscribers", "subscriber-row").size() == 1);
        assertThat(rows("publishers", "publisher-row")).extracting(WebElement::getText)
                .anySatisfy(t -> assertThat(t).contains("orders", "10.0.0.1:8080"))
                .anySatisfy(t -> assertThat(t).contains("billing", "10.0.0.2:8080"));
        assertThat(byTest("service-error").isDisplayed()).isFalse();
        HeadlessChromium.screenshot(browser, "services.png");
    }

    /** Needs the levers (/api/levers) and the query API. */
    @Test
    @Order(3)
    void clientOffWithTheTokenTakesOnePublisherOutOfTheListAndClientOnBringsItBack() {
        cluster.client(0, "pay-a").publish("com.example.console.Pay", "10.0.1.1:9000");
        cluster.client(1, "pay-b").publish("com.example.console.Pay", "10.0.1.2:9000");
        browser.get(base + "/console/#levers");
        byTest("admin-token").sendKeys(TOKEN);
        byTest("token-save").click();
        waiting().until(ExpectedConditions.textToBe(By.id("token-state"), "a token is set for this tab"));

        open("services");
        openService("com.example.console.Pay");
        refreshUntil(() -> rows("publishers", "publisher-row").size() == 2);
        WebElement victim = rows("publishers", "publisher-row").stream()
                .filter(r -> r.getText().contains("pay-a")).findFirst().orElseThrow();
        String address = victim.getDomAttribute("data-client-address");
        assertThat(address).matches("127\\.0\\.0\\.1:\\d+");
        victim.findElement(By.cssSelector("[data-test='publisher-client-off']")).click();

        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("page-levers")));
        assertThat(byTest("lever-value-client-off").getDomProperty("value")).isEqualTo(address);
        byTest("lever-add-client-off").click();
        confirm("Turn client-off on for " + address);
        By entry = By.cssSelector("#lever-list-client-off [data-test='lever-entry'][data-value='" + address + "']");
        waiting().withMessage(() -> "no client-off entry; the page says: " + text("levers-error") + " "
                + text("levers-load-error")).until(ExpectedConditions.presenceOfElementLocated(entry));
        assertThat(byTest("levers-error").isDisplayed()).isFalse();
        HeadlessChromium.screenshot(browser, "levers.png");

        open("services");
        refreshUntil(() -> rows("publishers", "publisher-row").size() == 1 && rows("publishers", "publisher-row").stream()
                .noneMatch(r -> address.equals(r.getDomAttribute("data-client-address"))));

        open("levers");
        browser.findElement(By.cssSelector("[data-test='lever-remove'][data-lever='client-off'][data-value='" + address + "']")).click();
        confirm("client-on");
        waiting().until(ExpectedConditions.invisibilityOfElementLocated(entry));
        open("services");
        refreshUntil(() -> rows("publishers", "publisher-row").size() == 2);
    }

    @Test
    @Order(4)
    void aChangeWithoutTheTokenShowsTheServersRefusal() {
        browser.get(base + "/console/#levers");
        byTest("token-clear").click();
        waiting().until(ExpectedConditions.textToBe(By.id("token-state"), "no token: changes will be refused"));
        byTest("lever-value-blacklist-ip").sendKeys("10.9.9.9");
        byTest("lever-add-blacklist-ip").click();
        confirm("Blacklist the IP 10.9.9.9");
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("levers-error")));
        assertThat(byTest("levers-error").getText()).contains("HTTP 401", "missing admin token");
    }

    /** Clicks the open service's Refresh until {@code condition} holds. */
    private static void refreshUntil(java.util.function.BooleanSupplier condition) {
        polling().withMessage(() -> "the service's lists did not get there; the page says: " + text("service-error")).until(d -> {
            if (condition.getAsBoolean()) {
                return true;
            }
            byTest("service-refresh").click();
            return false;
        });
    }

    /** The confirmation dialog is shown, names the change, and is accepted. */
    private static void confirm(String expected) {
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-dialog")));
        assertThat(byTest("confirm-text").getText()).contains(expected);
        byTest("confirm-ok").click();
        waiting().until(ExpectedConditions.invisibilityOfElementLocated(By.id("confirm-dialog")));
    }

    /** Searches for {@code dataId} until its service is listed (registrations reach the sessions), then opens it. */
    private static void openService(String dataId) {
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
}
