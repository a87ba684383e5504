package io.roster.tools.console;

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
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.nio.file.Path;
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

    private static ConsoleCluster cluster;
    private static Path profile;
    private static WebDriver browser;
    private static String base;
    private static ConsolePages pages;

    @BeforeAll
    static void startClusterAndBrowser() {
        cluster = ConsoleCluster.start(TOKEN);
        profile = TempDirs.create("roster-console-chromium");
        browser = HeadlessChromium.start(profile);
        base = "http://127.0.0.1:" + cluster.sessionAdminPort(0);
        pages = new ConsolePages(browser);
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

    @Test
    @Order(1)
    void theOverviewShowsTheMetaLeaderTheNodesAndTheSlotGrid() {
        browser.get(base + "/");
        pages.waiting().until(ExpectedConditions.urlToBe(base + "/console/"));
        String leader = cluster.metaLeader().meta().address();
        pages.waiting().until(ExpectedConditions.textToBe(By.id("meta-leader"), leader));

        assertThat(browser.findElements(By.cssSelector("#meta-peers [data-test='meta-peer']")))
                .extracting(e -> e.getDomAttribute("data-address")).containsExactlyInAnyOrderElementsOf(cluster.metaPeers());
        assertThat(pages.rows("data-nodes", "data-node")).extracting(e -> e.getDomAttribute("data-address"))
                .containsExactlyInAnyOrderElementsOf(cluster.dataAddresses());
        assertThat(pages.rows("session-nodes", "session-node")).extracting(e -> e.getDomAttribute("data-address"))
                .containsExactlyInAnyOrderElementsOf(cluster.sessionAddresses());
        assertThat(pages.rows("data-nodes", "data-node").get(0).getText()).contains("s ago");

        List<WebElement> cells = browser.findElements(By.cssSelector("#slot-grid [data-test='slot']"));
        assertThat(cells).hasSize(ConsoleCluster.SLOTS);
        assertThat(cells).extracting(e -> e.getDomAttribute("data-leader")).allMatch(cluster.dataAddresses()::contains);
        assertThat(cells.get(0).getCssValue("background-color")).as("coloured by its leader").isNotEqualTo(
                browser.findElements(By.cssSelector("#slot-grid [data-test='slot']")).stream()
                        .filter(c -> !c.getDomAttribute("data-leader").equals(cells.get(0).getDomAttribute("data-leader")))
                        .findFirst().orElseThrow().getCssValue("background-color"));
        assertThat(browser.findElements(By.cssSelector("#slot-legend [data-test='legend-item']")))
                .extracting(e -> e.getDomAttribute("data-address")).containsExactlyInAnyOrderElementsOf(cluster.dataAddresses());
        assertThat(pages.byTest("slot-count").getText()).isEqualTo(Integer.toString(ConsoleCluster.SLOTS));
        assertThat(pages.byTest("migrations").getText()).isNotBlank();

        cells.get(5).click();
        assertThat(pages.byTest("slot-detail").getText()).startsWith("Slot 5: leader ");
        // it refreshes itself: registrations made now reach it through the sessions' heartbeats
        String updated = pages.byTest("overview-updated").getText();
        cluster.client(0, "orders").publish("com.example.console.Overview", "10.0.0.9:8080");
        cluster.client(1, "web").subscribe("com.example.console.Overview", new PushRecorder()::onData);
        pages.waiting().until(d -> !pages.byTest("overview-updated").getText().equals(updated));
        pages.waiting().until(ExpectedConditions.textToBe(By.id("totals"), "1 publishers, 1 subscribers, 2 clients"));
        assertThat(pages.byTest("overview-error").isDisplayed()).isFalse();
        HeadlessChromium.screenshot(browser, "overview.png");
    }

    /** Needs the query API (/api/services, /api/publishers, /api/subscribers). */
    @Test
    @Order(2)
    void theServicesPageFindsAServiceAndListsBothPublishers() {
        cluster.client(0, "orders").publish("com.example.console.Search", "10.0.0.1:8080");
        cluster.client(1, "billing").publish("com.example.console.Search", "10.0.0.2:8080");
        cluster.client(1, "web").subscribe("com.example.console.Search", new PushRecorder()::onData);
        browser.get(base + "/console/#services");
        pages.openService("com.example.console.Search");
        pages.refreshUntil(() -> pages.publisherRows().size() == 2 && pages.rows("subscribers", "subscriber-row").size() == 1);
        assertThat(pages.publisherRows()).extracting(WebElement::getText)
                .anySatisfy(t -> assertThat(t).contains("orders", "10.0.0.1:8080"))
                .anySatisfy(t -> assertThat(t).contains("billing", "10.0.0.2:8080"));
        assertThat(pages.publisherRows()).extracting(r -> r.getDomAttribute("data-client-address"))
                .allMatch(a -> a.matches("127\\.0\\.0\\.1:\\d+"));
        assertThat(pages.byTest("service-error").isDisplayed()).isFalse();
        HeadlessChromium.screenshot(browser, "services.png");
    }

    /** Needs the levers (/api/levers) and the query API. */
    @Test
    @Order(3)
    void clientOffWithTheTokenTakesOnePublisherOutOfTheListAndClientOnBringsItBack() {
        cluster.client(0, "pay-a").publish("com.example.console.Pay", "10.0.1.1:9000");
        cluster.client(1, "pay-b").publish("com.example.console.Pay", "10.0.1.2:9000");
        browser.get(base + "/console/#levers");
        pages.useToken(TOKEN);

        pages.open("services");
        pages.openService("com.example.console.Pay");
        pages.refreshUntil(() -> pages.publisherRows().size() == 2);
        String address = pages.clientOffPublisherOf("pay-a");
        HeadlessChromium.screenshot(browser, "levers.png");

        pages.open("services");
        pages.refreshUntil(() -> pages.publisherRows().size() == 1 && !pages.lists(address));

        pages.open("levers");
        pages.removeLever("client-off", address, "client-on");
        pages.open("services");
        pages.refreshUntil(() -> pages.publisherRows().size() == 2 && pages.lists(address));
    }

    @Test
    @Order(4)
    void aChangeWithoutTheTokenShowsTheServersRefusal() {
        browser.get(base + "/console/#levers");
        pages.forgetToken();
        pages.type("lever-value-blacklist-ip", "10.9.9.9");
        pages.byTest("lever-add-blacklist-ip").click();
        pages.confirm("Blacklist the IP 10.9.9.9");
        pages.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("levers-error")));
        assertThat(pages.byTest("levers-error").getText()).contains("HTTP 401", "missing admin token");
    }
}
