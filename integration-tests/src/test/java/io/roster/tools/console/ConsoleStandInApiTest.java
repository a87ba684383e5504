package io.roster.tools.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.roster.common.config.RosterConfig;
import io.roster.common.model.InvalidInputException;
import io.roster.testkit.TempDirs;
import io.roster.tools.server.AdminAccess;
import io.roster.tools.server.AdminHttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's Services and Levers pages in headless Chromium against a stand-in of the admin API that answers
 * with the JSON shapes OPS-DESIGN sections 1 and 2 fix (and the real token rules of {@link AdminAccess}): the
 * pages' side of the contract, checked without a cluster. {@link ConsoleBrowserTest} runs the same flows against
 * the real endpoints.
 */
@Timeout(120)
class ConsoleStandInApiTest {
    private static final String TOKEN = "stand-in-token-0123456789";
    private static final String DATA_ID = "com.example.StandIn";
    private static final String DATA_INFO_ID = DATA_ID + "#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Set<String> clientOff = ConcurrentHashMap.newKeySet();
    private static AdminHttpServer api;
    private static Path profile;
    private static WebDriver browser;
    private static ConsolePages pages;
    private static String base;

    @BeforeAll
    static void start() {
        api = new AdminHttpServer("127.0.0.1", 0, AdminAccess.from(RosterConfig.builder().set("admin.token", TOKEN, "test").build()))
                .routeRaw("/console/", true, exchange -> consoleFile(exchange.getRequestURI().getPath()))
                .route("/api/services", q -> page(q.getOrDefault("prefix", "").isEmpty() || DATA_ID.startsWith(q.get("prefix"))
                        ? List.of(Map.of("dataInfoId", DATA_INFO_ID, "dataId", DATA_ID, "group", "DEFAULT_GROUP",
                        "publishers", 2, "subscribers", 1)) : List.of()))
                .route("/api/publishers", q -> page(List.of(publisher("r1", "10.1.1.1:40001", "pay-a"),
                        publisher("r2", "10.1.1.2:40002", "pay-b"))))
                .route("/api/subscribers", q -> page(List.of(Map.of("registerId", "s1", "dataInfoId", DATA_INFO_ID, "clientId", "c3",
                        "clientAddress", "10.1.1.3:40003", "app", "web", "session", "127.0.0.1:9603",
                        "connectedAt", "2026-12-05T14:00:00Z", "pushedVersion", 7))))
                .route("/api/levers", q -> levers())
                .routePost("/api/levers", (q, body) -> {
                    JsonNode change = read(body);
                    if (!"client-off".equals(change.path("lever").asText())) {
                        throw new InvalidInputException("the stand-in knows only client-off");
                    }
                    if (change.path("on").asBoolean()) {
                        clientOff.add(change.path("value").asText());
                    } else {
                        clientOff.remove(change.path("value").asText());
                    }
                    return levers();
                });
        api.start();
        base = "http://127.0.0.1:" + api.port();
        profile = TempDirs.create("roster-console-chromium");
        browser = HeadlessChromium.start(profile);
        pages = new ConsolePages(browser);
    }

    @AfterAll
    static void stop() {
        try {
            if (browser != null) {
                browser.quit();
            }
        } finally {
            if (api != null) {
                api.close();
            }
            TempDirs.delete(profile);
        }
    }

    @Test
    void servicesListsThePublishersAndClientOffMovesOneAsideUntilClientOn() {
        browser.get(base + "/console/#levers");
        pages.useToken(TOKEN);
        pages.open("services");
        pages.openService(DATA_ID);
        pages.refreshUntil(() -> pages.publisherRows().size() == 2);
        assertThat(pages.rows("subscribers", "subscriber-row")).singleElement()
                .satisfies(r -> assertThat(r.getText()).contains("10.1.1.3:40003", "web", "7"));
        assertThat(pages.text("services-summary")).contains("1 service");

        String address = pages.clientOffPublisherOf("pay-a");
        assertThat(address).isEqualTo("10.1.1.1:40001");
        assertThat(clientOff).containsExactly(address);
        assertThat(pages.text("levers-message")).contains("client-off", address, "added");
        HeadlessChromium.screenshot(browser, "stand-in-levers.png");

        pages.open("services");
        pages.refreshUntil(() -> pages.publisherRows().size() == 1 && !pages.lists(address));
        assertThat(pages.rows("publishers-off", "publisher-off-row")).singleElement()
                .satisfies(r -> assertThat(r.getDomAttribute("data-client-address")).isEqualTo(address));
        HeadlessChromium.screenshot(browser, "stand-in-services.png");

        pages.open("levers");
        pages.removeLever("client-off", address, "client-on");
        assertThat(clientOff).isEmpty();
        pages.open("services");
        pages.refreshUntil(() -> pages.publisherRows().size() == 2);
    }

    @Test
    void aChangeWithoutTheTokenShowsThe401AndChangesNothing() {
        browser.get(base + "/console/#levers");
        pages.forgetToken();
        pages.type("lever-value-client-off", "10.9.9.9");
        pages.byTest("lever-add-client-off").click();
        pages.confirm("Turn client-off on for 10.9.9.9");
        pages.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("levers-error")));
        assertThat(pages.byTest("levers-error").getText()).contains("HTTP 401", "missing admin token");
        assertThat(clientOff).doesNotContain("10.9.9.9");
    }

    @Test
    void cancellingTheConfirmationSendsNothing() {
        browser.get(base + "/console/#levers");
        pages.useToken(TOKEN);
        pages.type("lever-value-client-off", "10.8.8.8");
        pages.byTest("lever-add-client-off").click();
        pages.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-dialog")));
        pages.byTest("confirm-cancel").click();
        pages.waiting().until(ExpectedConditions.invisibilityOfElementLocated(By.id("confirm-dialog")));
        assertThat(clientOff).doesNotContain("10.8.8.8");
        assertThat(pages.byTest("lever-value-client-off").getDomProperty("value")).as("kept for a second try").isEqualTo("10.8.8.8");
    }

    private static Map<String, Object> publisher(String registerId, String clientAddress, String app) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("registerId", registerId);
        p.put("dataInfoId", DATA_INFO_ID);
        p.put("clientId", "client-" + registerId);
        p.put("clientAddress", clientAddress);
        p.put("app", app);
        p.put("session", "127.0.0.1:9601");
        p.put("connectedAt", "2026-12-05T14:00:00Z");
        p.put("version", 3);
        p.put("dataItems", List.of("10.0.0.1:8080"));
        p.put("off", clientOff.contains(clientAddress) || clientOff.contains(clientAddress.substring(0, clientAddress.indexOf(':'))));
        return p;
    }

    private static Map<String, Object> page(List<?> items) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("total", items.size());
        out.put("offset", 0);
        out.put("limit", 100);
        out.put("items", items);
        out.put("missingSessions", List.of());
        return out;
    }

    private static Map<String, Object> levers() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("version", 4);
        out.put("pushEnabled", true);
        out.put("clientOff", new ArrayList<>(clientOff));
        out.put("blacklistIps", List.of());
        out.put("blacklistDataIds", List.of("com.bad.*"));
        out.put("grayPushIps", List.of());
        out.put("sessionsPushStopped", List.of());
        return out;
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new InvalidInputException("the body is not JSON: " + e.getMessage());
        }
    }

    private static AdminHttpServer.RawAnswer consoleFile(String path) {
        String name = path.substring("/console/".length());
        name = name.isEmpty() ? "index.html" : name;
        String type = name.endsWith(".js") ? "text/javascript" : name.endsWith(".css") ? "text/css" : "text/html";
        try (InputStream in = ConsoleStandInApiTest.class.getClassLoader().getResourceAsStream("console/" + name)) {
            return in == null ? new AdminHttpServer.RawAnswer(404, "text/plain", new byte[0])
                    : new AdminHttpServer.RawAnswer(200, type, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
