package org.zoninghub.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.StreamSupport;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.locationtech.jts.geom.Point;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.zoninghub.spatial.GeoJsonGeometries;

/**
 * The administrators' console driven in headless Chromium (Debian's {@code chromium} and {@code chromium-driver};
 * Selenium is pointed at both, so nothing is downloaded) against a real hub with the Liaoyuan data: it signs in, reads
 * the overview, suspends and resumes a route, reads the sync runs, opens a quarantined record and replays it, and
 * clicks a unit on the map and reads its rules. Every expectation is read from the hub's HTTP API or computed here
 * (the pixel of a unit from its geometry's interior point), never from the console's own code.
 *
 * <p>The quarantined record is a unit's access list imported before the unit exists ("a unit's lists without the
 * unit"); once the provincial sync has stored the unit, replaying it applies. The test's own reads of the API use the
 * administrator's credential (HTTP Basic), as every read of {@code /api/v1} needs one; the browser signs in through
 * the form login at {@code /login}. No step is skipped: an endpoint that does not answer fails the test. Screenshots go
 * to {@code target/console-screenshots/}.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "zoning.simulator.enabled=true",
            "zoning.sync.inbox=target/it-inbox/console",
            "zoning.publish.topics.unit-changes=it-console.units.changes",
            "zoning.publish.topics.rule-changes=it-console.rules.changes",
            "zoning.publish.topics.unit-state=it-console.units.state"
        })
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserIT {

    private static final Logger log = LoggerFactory.getLogger(ConsoleBrowserIT.class);

    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    static final String USER = "admin";
    static final String PASSWORD = "test-admin-secret";
    static final Path SCREENSHOTS = Path.of("target/console-screenshots");
    static final Duration PATIENCE = Duration.ofSeconds(90);
    static final String[] DIMENSIONS = {"SPATIAL_LAYOUT", "EMISSION_CONTROL", "RISK_PREVENTION", "RESOURCE_EFFICIENCY"};
    /** A route that can be suspended without harm: it only deletes sent outbox rows past their retention. */
    static final String ROUTE = "publish.outbox-purge";

    @LocalServerPort
    int port;

    @Autowired
    TestRestTemplate http;

    WebDriver driver;
    WebDriverWait wait;
    Path profile;
    /** The unit whose access list was quarantined before the unit existed. */
    String listedUnit;

    TestRestTemplate admin() {
        return http.withBasicAuth(USER, PASSWORD);
    }

    /** A read with the administrator's credential (every read needs one), which must answer 200. */
    JsonNode read(String path) {
        ResponseEntity<JsonNode> r = admin().getForEntity(path, JsonNode.class);
        assertThat(r.getStatusCode()).as("GET %s: %s", path, r.getBody()).isEqualTo(HttpStatus.OK);
        return r.getBody();
    }

    String base() {
        return "http://localhost:" + port;
    }

    @BeforeAll
    void dataAndBrowser() throws IOException {
        listedUnit = quarantineAListBeforeItsUnit();
        JsonNode sync = finished(admin().postForEntity("/api/v1/admin/sync-runs", null, JsonNode.class));
        assertThat(sync.get("outcome").asText()).as("%s", sync).isEqualTo("SUCCEEDED");
        assertThat(sync.at("/counts/created").asInt()).isEqualTo(61);

        assertThat(Path.of(CHROMIUM))
                .as("Chromium: apt-get install chromium chromium-driver (.ci/run does)")
                .exists();
        assertThat(Path.of(CHROMEDRIVER))
                .as("ChromeDriver: apt-get install chromium-driver")
                .exists();
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
        Files.createDirectories(SCREENSHOTS);
        profile = Files.createTempDirectory("console-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-quic",
                "--no-first-run",
                "--window-size=1440,1000",
                "--lang=zh-CN",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, PATIENCE);
        wait.ignoring(StaleElementReferenceException.class).ignoring(NoSuchElementException.class);
    }

    @AfterAll
    void quit() throws IOException {
        if (driver != null) {
            driver.quit();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    @Test
    @Order(1)
    void signsInAndSeesTheOverview() {
        ResponseEntity<String> login = http.getForEntity("/login", String.class);
        assertThat(login.getStatusCode()).as("the form login at /login").isEqualTo(HttpStatus.OK);
        assertThat(login.getBody()).contains("username", "password", "_csrf");
        // the console sends a browser without a session to the form, and the form back to the console
        driver.get(base() + "/console");
        wait.until(d -> d.findElement(By.id("username")).isDisplayed());
        assertThat(driver.getCurrentUrl()).startsWith(base() + "/login");
        driver.findElement(By.id("username")).sendKeys(USER);
        driver.findElement(By.id("password")).sendKeys(PASSWORD);
        driver.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(d -> d.getCurrentUrl().startsWith(base() + "/console/"));
        JsonNode health = http.getForEntity("/actuator/health", JsonNode.class).getBody();
        wait.until(d -> health.get("status")
                .asText()
                .equals(d.findElement(By.id("health-status")).getAttribute("data-status")));
        wait.until(d -> d.findElement(By.id("total-units")).getText().equals("61"));
        JsonNode stats = read("/api/v1/statistics");
        for (JsonNode group : stats.get("byCategory")) {
            WebElement row = driver.findElement(By.cssSelector(
                    "#category-table tr[data-category='" + group.get("category").asText() + "']"));
            assertThat(row.findElements(By.tagName("td")).get(1).getText())
                    .isEqualTo(group.get("units").asText());
        }
        screenshot("01-overview");
    }

    @Test
    @Order(2)
    void seesTheRoutesAndSuspendsAndResumesOne() {
        List<String> ids = texts(read("/api/v1/admin/routes"), "id");
        assertThat(ids).contains(ROUTE);

        open("routes");
        wait.until(d -> rowIds("tr[data-testid=route-row]", "data-route-id").size() == ids.size());
        assertThat(rowIds("tr[data-testid=route-row]", "data-route-id")).containsExactlyInAnyOrderElementsOf(ids);

        routeButton("suspend").click();
        wait.until(d -> "Suspended".equals(routeRow().getAttribute("data-status")));
        assertThat(routeStatus()).isEqualTo("Suspended");
        screenshot("02-route-suspended");

        routeButton("resume").click();
        wait.until(d -> "Started".equals(routeRow().getAttribute("data-status")));
        assertThat(routeStatus()).isEqualTo("Started");
        screenshot("03-routes");
    }

    @Test
    @Order(3)
    void seesTheSyncRunsWithTheirCountsAndRejects() {
        JsonNode runs = admin().getForObject("/api/v1/admin/sync-runs?limit=50", JsonNode.class);

        open("sync-runs");
        wait.until(d -> rowIds("tr[data-testid=sync-run-row]", "data-run-id").size() == runs.size());
        assertThat(rowIds("tr[data-testid=sync-run-row]", "data-run-id")).containsExactlyElementsOf(texts(runs, "id"));
        for (JsonNode run : runs) {
            WebElement row = driver.findElement(
                    By.cssSelector("tr[data-run-id='" + run.get("id").asText() + "']"));
            assertThat(row.getAttribute("data-outcome"))
                    .isEqualTo(run.get("outcome").asText());
            assertThat(row.findElement(By.cssSelector("td[data-col=created]")).getText())
                    .isEqualTo(run.at("/counts/created").asText());
            assertThat(row.findElement(By.cssSelector("td[data-col=rejected]")).getText())
                    .isEqualTo(run.at("/counts/rejected").asText());
            for (JsonNode rejected : run.get("rejected")) {
                assertThat(row.findElements(By.cssSelector(
                                "li[data-record='" + rejected.get("record").asText() + "']")))
                        .isNotEmpty();
            }
        }
        screenshot("04-sync-runs");

        // a state-changing request from the page (with the session and its CSRF token once the hub has them)
        List<String> before = texts(runs, "id");
        driver.findElement(By.id("sync-incremental")).click();
        JsonNode started = await().atMost(PATIENCE)
                .until(
                        () -> admin().getForObject("/api/v1/admin/sync-runs?limit=1", JsonNode.class)
                                .get(0),
                        r -> !before.contains(r.get("id").asText()));
        assertThat(started.get("trigger").asText()).isEqualTo("ADMIN");
        wait.until(d -> d.findElement(By.id("notice"))
                .getText()
                .contains(started.get("id").asText()));
        JsonNode done = await().atMost(PATIENCE)
                .until(
                        () -> admin().getForObject(
                                        "/api/v1/admin/sync-runs/"
                                                + started.get("id").asText(),
                                        JsonNode.class),
                        r -> !r.get("outcome").asText().equals("RUNNING"));
        assertThat(done.get("outcome").asText()).as("%s", done).isEqualTo("SUCCEEDED");
        assertThat(done.at("/counts/created").asInt())
                .as("the province changed nothing")
                .isZero();
    }

    @Test
    @Order(4)
    void opensAQuarantinedRecordAndReplaysIt() {
        JsonNode found = read("/api/v1/admin/quarantine?record=" + listedUnit);
        List<JsonNode> items = StreamSupport.stream(found.get("items").spliterator(), false)
                .filter(i -> i.get("record").asText().equals(listedUnit))
                .toList();
        assertThat(items).hasSize(1);
        String id = items.get(0).get("id").asText();
        assertThat(items.get(0).get("status").asText()).isEqualTo("OPEN");

        open("quarantine");
        WebElement record = driver.findElement(By.cssSelector("#quarantine-filter input[name=record]"));
        record.clear();
        record.sendKeys(listedUnit);
        driver.findElement(By.cssSelector("#quarantine-filter button[type=submit]"))
                .click();
        wait.until(d -> rowIds("tr[data-testid=quarantine-row]", "data-id").equals(List.of(id)));
        driver.findElement(By.cssSelector("tr[data-id='" + id + "'] button[data-action=inspect]"))
                .click();
        wait.until(d -> d.findElement(By.id("quarantine-dialog")).isDisplayed());
        wait.until(d -> d.findElement(By.id("quarantine-payload")).getText().contains(listedUnit));
        screenshot("05-quarantined-record");

        try {
            driver.findElement(By.id("quarantine-replay")).click();
            wait.until(d -> d.findElement(By.id("quarantine-dialog-message")).getAttribute("data-outcome") != null);
            assertThat(driver.findElement(By.id("quarantine-dialog-message")).getAttribute("data-outcome"))
                    .as(
                            "%s",
                            driver.findElement(By.id("quarantine-dialog-message"))
                                    .getText())
                    .isEqualTo("SUCCEEDED");
            JsonNode item = read("/api/v1/admin/quarantine/" + id);
            assertThat(item.get("status").asText()).isEqualTo("REPLAYED");
            JsonNode run =
                    read("/api/v1/admin/sync-runs/" + item.get("replayRunId").asText());
            assertThat(run.get("outcome").asText()).as("%s", run).isEqualTo("SUCCEEDED");
            wait.until(d ->
                    "REPLAYED".equals(d.findElement(By.id("quarantine-fields")).getAttribute("data-status")));
            assertThat(driver.findElement(By.id("quarantine-replay")).isDisplayed())
                    .as("a replayed record offers no replay")
                    .isFalse();
            wait.until(
                    d -> rowIds("tr[data-testid=quarantine-row]", "data-status").equals(List.of("REPLAYED")));
            screenshot("06-replayed");
        } finally {
            // close what was opened: the modal dialog would otherwise take every later click
            if (driver.findElement(By.id("quarantine-dialog")).isDisplayed()) {
                driver.findElement(By.id("quarantine-close")).click();
            }
        }
        wait.until(d -> !d.findElement(By.id("quarantine-dialog")).isDisplayed());
    }

    @Test
    @Order(5)
    void speaksChineseAndEnglish() {
        open("overview");
        Select language = new Select(driver.findElement(By.id("lang-select")));
        language.selectByValue("en");
        wait.until(d -> d.findElement(By.id("nav-map")).getText().equals("Map of units"));
        assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
        language.selectByValue("zh");
        wait.until(d -> d.findElement(By.id("nav-map")).getText().equals("管控单元地图"));
        assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("zh-CN");
    }

    @Test
    @Order(6)
    void clicksAUnitOnTheMapAndReadsItsRules() {
        JsonNode units = read("/api/v1/units?limit=1000").get("units");
        assertThat(units).hasSize(61);
        JsonNode largest = StreamSupport.stream(units.spliterator(), false)
                .max(Comparator.comparingDouble(u -> u.get("areaM2").asDouble()))
                .orElseThrow();
        String code = largest.get("code").asText();
        Point inside = GeoJsonGeometries.read(largest.get("geometry")).getInteriorPoint();

        open("map");
        WebElement map = driver.findElement(By.id("map"));
        wait.until(d -> "true".equals(map.getAttribute("data-ready")));
        assertThat(driver.findElement(By.id("map-status")).getAttribute("data-units"))
                .isEqualTo("61");
        double[] extent = numbers(map.getAttribute("data-extent"));
        double[] size = numbers(map.getAttribute("data-size"));
        double x = (mercatorX(inside.getX()) - extent[0]) / (extent[2] - extent[0]) * size[0];
        double y = (extent[3] - mercatorY(inside.getY())) / (extent[3] - extent[1]) * size[1];
        new Actions(driver)
                .moveToElement(map, (int) Math.round(x - size[0] / 2), (int) Math.round(y - size[1] / 2))
                .click()
                .perform();

        wait.until(d -> code.equals(d.findElement(By.id("unit-detail")).getAttribute("data-code")));
        assertThat(driver.findElement(By.id("unit-code")).getText()).isEqualTo(code);
        assertThat(driver.findElement(By.cssSelector("[data-testid=unit-category]"))
                        .getAttribute("data-category"))
                .isEqualTo(largest.get("category").asText());
        JsonNode rules = read("/api/v1/units/" + code).get("rules");
        int shown = 0;
        for (String dimension : DIMENSIONS) {
            List<String> expected = texts(rules.get(dimension), "text");
            List<String> texts = driver
                    .findElements(By.cssSelector("#unit-rules section[data-dimension=" + dimension + "] .rule-text"))
                    .stream()
                    .map(WebElement::getText)
                    .toList();
            assertThat(texts).as(dimension).isEqualTo(expected);
            shown += texts.size();
        }
        assertThat(shown).isPositive();
        JsonNode history = read("/api/v1/units/" + code + "/history");
        assertThat(driver.findElements(By.cssSelector("#unit-history tbody tr")))
                .hasSize(history.get("versions").size());
        screenshot("07-map-unit");
    }

    // ------------------------------------------------------------------ helpers

    /**
     * Imports one row of the dataset's unit-level lists before its unit exists: rejected as "a unit's lists without
     * the unit", and quarantined. The dataset's table has no 版本号 or 更新时间 column, and before the first sync the hub
     * has no edition in force to record for it (the table would be refused as a whole for it instead, a defect that a
     * replay cannot cure), so the row carries the edition and update time of its unit in {@code units.geojson}.
     */
    String quarantineAListBeforeItsUnit() throws IOException {
        CSVFormat format = CSVFormat.DEFAULT
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get();
        String text = Files.readString(Path.of("data/liaoyuan/unit-lists.csv"), StandardCharsets.UTF_8)
                .replace("\uFEFF", "");
        StringWriter out = new StringWriter();
        String code;
        try (CSVParser parser = CSVParser.parse(text, format)) {
            List<String> header = new ArrayList<>(parser.getHeaderNames());
            CSVRecord first = parser.iterator().next();
            code = first.get(0);
            JsonNode unit = datasetUnit(code);
            List<String> values = new ArrayList<>(List.of(first.values()));
            header.add("版本号");
            values.add(unit.get("BBH").asText());
            header.add("更新时间");
            values.add(unit.get("GXSJ").asText());
            try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT)) {
                printer.printRecord(header);
                printer.printRecord(values);
            }
        }
        MultiValueMap<String, Object> body = new LinkedMultiValueMap<>();
        body.add("file", new ByteArrayResource(out.toString().getBytes(StandardCharsets.UTF_8)) {
            @Override
            public String getFilename() {
                return "lists-before-units.csv";
            }
        });
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        JsonNode report =
                finished(admin().postForEntity("/api/v1/imports", new HttpEntity<>(body, headers), JsonNode.class));
        assertThat(report.get("outcome").asText()).as("%s", report).isEqualTo("REJECTED");
        assertThat(texts(report.get("rejected"), "record")).containsExactly(code);
        assertThat(report.at("/rejected/0/reason").asText())
                .as("%s", report)
                .contains("a unit's lists without the unit");
        return code;
    }

    /** The properties of a unit of the dataset's {@code units.geojson}, which the built-in simulator serves. */
    static JsonNode datasetUnit(String code) throws IOException {
        JsonNode units = new ObjectMapper()
                .readTree(Path.of("data/liaoyuan/units.geojson").toFile());
        for (JsonNode feature : units.get("features")) {
            if (code.equals(feature.at("/properties/HJGKDYBM").asText())) {
                return feature.get("properties");
            }
        }
        throw new AssertionError("no unit " + code + " in data/liaoyuan/units.geojson");
    }

    /** Waits for the run or import a 202 answer started, by its {@code Location}. */
    JsonNode finished(ResponseEntity<JsonNode> accepted) {
        assertThat(accepted.getStatusCode()).as("%s", accepted.getBody()).isEqualTo(HttpStatus.ACCEPTED);
        String location = accepted.getHeaders().getLocation().toString();
        return await().atMost(PATIENCE)
                .until(
                        () -> admin().getForObject(location, JsonNode.class),
                        r -> !r.get("outcome").asText().equals("RUNNING"));
    }

    void open(String section) {
        driver.findElement(By.id("nav-" + section)).click();
        wait.until(d -> d.findElement(By.id("section-" + section)).isDisplayed()
                && "false".equals(d.findElement(By.id("section-" + section)).getAttribute("aria-busy")));
    }

    WebElement routeRow() {
        return driver.findElement(By.cssSelector("tr[data-testid=route-row][data-route-id='" + ROUTE + "']"));
    }

    WebElement routeButton(String action) {
        WebElement button = routeRow().findElement(By.cssSelector("button[data-action=" + action + "]"));
        assertThat(button.isEnabled()).as(action).isTrue();
        return button;
    }

    String routeStatus() {
        JsonNode routes = admin().getForObject("/api/v1/admin/routes", JsonNode.class);
        for (JsonNode r : routes) {
            if (r.get("id").asText().equals(ROUTE)) {
                return r.get("status").asText();
            }
        }
        throw new AssertionError("no route " + ROUTE);
    }

    List<String> rowIds(String css, String attribute) {
        return driver.findElements(By.cssSelector(css)).stream()
                .map(e -> e.getAttribute(attribute))
                .toList();
    }

    static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.get(field).asText()));
        return out;
    }

    static double[] numbers(String csv) {
        String[] parts = csv.split(",");
        double[] out = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = Double.parseDouble(parts[i]);
        }
        return out;
    }

    /** Web Mercator (EPSG:3857), the projection of the console's map view. */
    static double mercatorX(double longitude) {
        return 6378137.0 * Math.toRadians(longitude);
    }

    static double mercatorY(double latitude) {
        return 6378137.0 * Math.log(Math.tan(Math.PI / 4 + Math.toRadians(latitude) / 2));
    }

    void screenshot(String name) {
        try {
            ((JavascriptExecutor) driver).executeScript("document.activeElement && document.activeElement.blur()");
            Files.write(
                    SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
