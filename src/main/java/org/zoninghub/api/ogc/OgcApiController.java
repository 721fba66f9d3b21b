package org.zoninghub.api.ogc;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.zoninghub.api.ogc.cql2.Cql2;
import org.zoninghub.api.ogc.cql2.Cql2Exception;
import org.zoninghub.api.ogc.cql2.Filter;
import org.zoninghub.api.ogc.cql2.Queryable;
import org.zoninghub.spatial.GeoJsonGeometries;
import org.zoninghub.spatial.Geographic;
import org.zoninghub.store.RuleQueries;
import org.zoninghub.store.StoredRule;
import org.zoninghub.store.StoredUnit;
import org.zoninghub.store.UnitQueries;
import org.zoninghub.web.AsOf;
import org.zoninghub.web.BadRequestException;
import org.zoninghub.web.NotFoundException;
import org.zoninghub.zoning.Dimension;
import org.zoninghub.zoning.RuleLevel;

/**
 * OGC API – Features at {@code /ogcapi}: Part 1 (core, GeoJSON, HTML, OpenAPI 3.0), Part 2 (CRS by reference) and
 * Part 3 (queryables, CQL2 text filters), over two collections: {@code control-units} (the units in force, with
 * geometry) and {@code access-rules} (the rules in force, without geometry).
 *
 * <p>Filters are evaluated here, after the store narrowed the candidates by envelope and by the equalities a filter
 * requires; every filtered request counts in {@code zoning.ogcapi.filter.requests} and its returned features in
 * {@code zoning.ogcapi.filter.features}.
 */
@RestController
@RequestMapping("/ogcapi")
class OgcApiController {

    private static final Logger log = LoggerFactory.getLogger(OgcApiController.class);

    static final String UNITS = "control-units";
    static final String RULES = "access-rules";
    static final List<String> CONFORMANCE = List.of(
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html",
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
            "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs",
            "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables",
            "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables-query-parameters",
            "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter",
            "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/features-filter",
            "http://www.opengis.net/spec/cql2/1.0/conf/cql2-text",
            "http://www.opengis.net/spec/cql2/1.0/conf/basic-cql2",
            "http://www.opengis.net/spec/cql2/1.0/conf/advanced-comparison-operators",
            "http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-functions",
            "http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-functions-plus");

    private static final Set<String> COMMON = Set.of("f", "limit", "offset", "datetime", "filter", "filter-lang");
    private static final Set<String> UNIT_ITEMS = union(
            COMMON,
            Set.of(
                    "bbox",
                    "bbox-crs",
                    "crs",
                    "filter-crs",
                    "code",
                    "name",
                    "category",
                    "division",
                    "basin",
                    "edition"));
    private static final Set<String> RULE_ITEMS = union(COMMON, Set.of("id", "scope", "level", "dimension", "edition"));

    private final UnitQueries units;
    private final RuleQueries rules;
    private final ObjectMapper mapper;
    private final Counter filterRequests;
    private final Counter filterFeatures;

    OgcApiController(UnitQueries units, RuleQueries rules, ObjectMapper mapper, MeterRegistry meters) {
        this.units = units;
        this.rules = rules;
        this.mapper = mapper;
        this.filterRequests = Counter.builder("zoning.ogcapi.filter.requests")
                .description("OGC API items requests with a CQL2 filter evaluated by the hub")
                .register(meters);
        this.filterFeatures = Counter.builder("zoning.ogcapi.filter.features")
                .description("features returned by OGC API items requests with a CQL2 filter")
                .register(meters);
    }

    // ---- Part 1: landing page, conformance, API definition, collections ----------------------------------------

    @GetMapping({"", "/"})
    ResponseEntity<?> landing(HttpServletRequest request, @RequestParam MultiValueMap<String, String> params) {
        only(params, Set.of("f"));
        String base = base();
        ObjectNode body = mapper.createObjectNode();
        body.put("title", "zoning-hub: environmental control units (环境管控单元)");
        body.put("description", "The units in force and their access rules (生态环境准入清单), as OGC API – Features");
        ArrayNode links = body.putArray("links");
        link(links, base + "?f=json", "self", "application/json", "this document");
        link(links, base + "?f=html", "alternate", "text/html", "this document as HTML");
        link(links, base + "/api", "service-desc", OgcResponses.OPENAPI_JSON.toString(), "the API definition");
        link(links, base + "/conformance", "conformance", "application/json", "conformance classes");
        link(links, base + "/collections", "data", "application/json", "the collections");
        return OgcResponses.respond(request, mapper, body, MediaType.APPLICATION_JSON, "zoning-hub OGC API – Features");
    }

    @GetMapping("/conformance")
    ResponseEntity<?> conformance(HttpServletRequest request, @RequestParam MultiValueMap<String, String> params) {
        only(params, Set.of("f"));
        ObjectNode body = mapper.createObjectNode();
        CONFORMANCE.forEach(body.putArray("conformsTo")::add);
        link(body.putArray("links"), base() + "/conformance", "self", "application/json", "this document");
        return OgcResponses.respond(request, mapper, body, MediaType.APPLICATION_JSON, "Conformance");
    }

    /** The OpenAPI 3.0 definition of this API (a document kept beside the code and checked by a test). */
    @GetMapping("/api")
    ResponseEntity<?> api(HttpServletRequest request, @RequestParam MultiValueMap<String, String> params)
            throws IOException {
        only(params, Set.of("f"));
        ObjectNode doc;
        try (InputStream in = new ClassPathResource("ogcapi/openapi.json").getInputStream()) {
            doc = (ObjectNode) mapper.readTree(in);
        }
        doc.putArray("servers").addObject().put("url", base());
        return OgcResponses.respond(request, mapper, doc, OgcResponses.OPENAPI_JSON, "OpenAPI definition");
    }

    @GetMapping("/collections")
    ResponseEntity<?> collections(HttpServletRequest request, @RequestParam MultiValueMap<String, String> params) {
        only(params, Set.of("f"));
        ObjectNode body = mapper.createObjectNode();
        ArrayNode links = body.putArray("links");
        link(links, base() + "/collections?f=json", "self", "application/json", "this document");
        link(links, base() + "/collections?f=html", "alternate", "text/html", "this document as HTML");
        ArrayNode list = body.putArray("collections");
        list.add(collection(UNITS));
        list.add(collection(RULES));
        OgcCrs.all().forEach(c -> body.withArray("crs").add(c.uri()));
        return OgcResponses.respond(request, mapper, body, MediaType.APPLICATION_JSON, "Collections");
    }

    @GetMapping("/collections/{collectionId}")
    ResponseEntity<?> collection(
            HttpServletRequest request,
            @PathVariable String collectionId,
            @RequestParam MultiValueMap<String, String> params) {
        only(params, Set.of("f"));
        known(collectionId);
        return OgcResponses.respond(
                request, mapper, collection(collectionId), MediaType.APPLICATION_JSON, "Collection " + collectionId);
    }

    // ---- Part 3: queryables ------------------------------------------------------------------------------------

    @GetMapping("/collections/{collectionId}/queryables")
    ResponseEntity<?> queryables(
            HttpServletRequest request,
            @PathVariable String collectionId,
            @RequestParam MultiValueMap<String, String> params) {
        only(params, Set.of("f"));
        known(collectionId);
        ObjectNode body = mapper.createObjectNode();
        body.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        body.put("$id", base() + "/collections/" + collectionId + "/queryables");
        body.put("type", "object");
        body.put("title", collectionId);
        ObjectNode properties = body.putObject("properties");
        ArrayNode legacy = mapper.createArrayNode();
        for (Queryable q : queryablesOf(collectionId).values()) {
            ObjectNode p = properties.putObject(q.name());
            p.put("title", q.name());
            p.put("description", q.description());
            switch (q.type()) {
                case STRING -> p.put("type", "string");
                case NUMBER -> p.put("type", "number");
                case GEOMETRY -> {
                    p.put("format", "geometry-any");
                    p.put("x-ogc-role", "primary-geometry");
                }
            }
            legacy.addObject().put("id", q.name()).put("type", q.type().name().toLowerCase());
        }
        body.put("additionalProperties", false);
        body.set("queryables", legacy);
        ArrayNode links = body.putArray("links");
        link(links, base() + "/collections/" + collectionId + "/queryables", "self", "application/schema+json", "");
        return OgcResponses.respond(request, mapper, body, OgcResponses.SCHEMA_JSON, "Queryables of " + collectionId);
    }

    // ---- items -------------------------------------------------------------------------------------------------

    @GetMapping("/collections/{collectionId}/items")
    ResponseEntity<?> items(
            HttpServletRequest request,
            @PathVariable String collectionId,
            @RequestParam MultiValueMap<String, String> params) {
        known(collectionId);
        return collectionId.equals(UNITS) ? unitItems(request, params) : ruleItems(request, params);
    }

    @GetMapping("/collections/{collectionId}/items/{featureId}")
    ResponseEntity<?> item(
            HttpServletRequest request,
            @PathVariable String collectionId,
            @PathVariable String featureId,
            @RequestParam MultiValueMap<String, String> params) {
        known(collectionId);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        if (collectionId.equals(UNITS)) {
            ItemsRequest q = new ItemsRequest(params, Set.of("f", "crs", "datetime"));
            OffsetDateTime[] when = q.datetime(now);
            OgcCrs crs = OgcCrs.parse(q.get("crs"), "crs");
            List<StoredUnit> found = units.ofCodes(criteria(when, null, Map.of()), List.of(featureId));
            if (found.isEmpty()) {
                throw new NotFoundException("no control unit " + featureId + " is in force at the time asked");
            }
            ObjectNode feature = unitFeature(found.get(0), crs);
            ArrayNode links = feature.putArray("links");
            String self = base() + "/collections/" + UNITS + "/items/" + featureId;
            link(links, self + "?f=json", "self", "application/geo+json", "this feature");
            link(links, self + "?f=html", "alternate", "text/html", "this feature as HTML");
            link(links, base() + "/collections/" + UNITS, "collection", "application/json", "the collection");
            return OgcResponses.respond(
                    request, mapper, feature, OgcResponses.GEO_JSON, "Unit " + featureId, crsHeader(crs));
        }
        ItemsRequest q = new ItemsRequest(params, Set.of("f", "datetime"));
        OffsetDateTime t = instantOnly(q.datetime(now));
        StoredRule rule = rules.page(new RuleQueries.Criteria(t, null, null, null), 0, Integer.MAX_VALUE).stream()
                .filter(r -> r.ruleId().equals(featureId))
                .findFirst()
                .orElseThrow(() -> new NotFoundException("no rule " + featureId + " is in force at the time asked"));
        ObjectNode feature = ruleFeature(rule);
        ArrayNode links = feature.putArray("links");
        link(links, base() + "/collections/" + RULES + "/items/" + featureId, "self", "application/geo+json", "");
        link(links, base() + "/collections/" + RULES, "collection", "application/json", "the collection");
        return OgcResponses.respond(request, mapper, feature, OgcResponses.GEO_JSON, "Rule " + featureId);
    }

    private ResponseEntity<?> unitItems(HttpServletRequest request, MultiValueMap<String, String> params) {
        ItemsRequest q = new ItemsRequest(params, UNIT_ITEMS);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        int limit = q.limit();
        int offset = q.offset();
        OffsetDateTime[] when = q.datetime(now);
        OgcCrs crs = OgcCrs.parse(q.get("crs"), "crs");
        Geometry bbox = q.bbox();
        Filter filter = filter(q, OgcQueryables.UNITS);

        Map<String, String> equal = new java.util.HashMap<>();
        for (String name : List.of("code", "name", "category", "division", "basin", "edition")) {
            if (q.get(name) != null) {
                equal.put(name, q.get(name));
            }
        }
        Map<String, String> pushed = new java.util.HashMap<>(equal);
        if (filter != null) {
            filter.requiredEqualities().forEach(pushed::putIfAbsent);
        }
        UnitQueries.Criteria c = criteria(when, null, pushed);

        int matched;
        List<StoredUnit> page;
        if (bbox == null
                && filter == null
                && !equal.containsKey("code")
                && !equal.containsKey("name")
                && !equal.containsKey("edition")) {
            matched = units.count(c);
            page = units.page(c, null, offset, limit);
        } else {
            Envelope envelope = bbox == null ? null : bbox.getEnvelopeInternal();
            if (filter != null && filter.envelope() != null) {
                envelope = envelope == null ? filter.envelope() : envelope.intersection(filter.envelope());
            }
            PreparedGeometry box = bbox == null ? null : PreparedGeometryFactory.prepare(bbox);
            boolean geometry = bbox != null || (filter != null && filter.spatial());
            List<String> codes = new ArrayList<>();
            if (envelope == null || !envelope.isNull()) {
                units.scan(c.withEnvelope(envelope), geometry, u -> {
                    if (box != null && !box.intersects(u.geometry())) {
                        return;
                    }
                    for (Map.Entry<String, String> e : equal.entrySet()) {
                        if (!e.getValue().equals(OgcQueryables.unit(u).value(e.getKey()))) {
                            return;
                        }
                    }
                    if (filter == null || filter.test(OgcQueryables.unit(u))) {
                        codes.add(u.code());
                    }
                });
            }
            matched = codes.size();
            List<String> pageCodes = codes.subList(Math.min(offset, matched), Math.min(offset + limit, matched));
            page = units.ofCodes(c, pageCodes);
        }

        ObjectNode body = featureCollection(now, matched, page.size());
        ArrayNode features = body.putArray("features");
        page.forEach(u -> features.add(unitFeature(u, crs)));
        pagingLinks(body, request, UNITS, q, offset, limit, matched);
        counted(filter, UNITS, matched, page.size());
        return OgcResponses.respond(request, mapper, body, OgcResponses.GEO_JSON, "Control units", crsHeader(crs));
    }

    private ResponseEntity<?> ruleItems(HttpServletRequest request, MultiValueMap<String, String> params) {
        ItemsRequest q = new ItemsRequest(params, RULE_ITEMS);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        int limit = q.limit();
        int offset = q.offset();
        OffsetDateTime t = instantOnly(q.datetime(now));
        Filter filter = filter(q, OgcQueryables.RULES);
        RuleLevel level = enumParam(q, "level", RuleLevel.class);
        Dimension dimension = enumParam(q, "dimension", Dimension.class);
        RuleQueries.Criteria c = new RuleQueries.Criteria(t, q.get("scope"), level, dimension);

        int matched;
        List<StoredRule> page;
        if (filter == null && q.get("id") == null && q.get("edition") == null) {
            matched = rules.count(c);
            page = rules.page(c, offset, limit);
        } else {
            List<StoredRule> all = rules.page(c, 0, Integer.MAX_VALUE).stream()
                    .filter(r -> q.get("id") == null || q.get("id").equals(r.ruleId()))
                    .filter(r -> q.get("edition") == null || q.get("edition").equals(r.edition()))
                    .filter(r -> filter == null || filter.test(OgcQueryables.rule(r)))
                    .toList();
            matched = all.size();
            page = all.subList(Math.min(offset, matched), Math.min(offset + limit, matched));
        }
        ObjectNode body = featureCollection(now, matched, page.size());
        ArrayNode features = body.putArray("features");
        page.forEach(r -> features.add(ruleFeature(r)));
        pagingLinks(body, request, RULES, q, offset, limit, matched);
        counted(filter, RULES, matched, page.size());
        return OgcResponses.respond(request, mapper, body, OgcResponses.GEO_JSON, "Access rules");
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private Filter filter(ItemsRequest q, Map<String, Queryable> queryables) {
        String text = q.get("filter");
        String lang = q.get("filter-lang");
        if (lang != null && !lang.equals("cql2-text") && !lang.equals("cql-text")) {
            throw new BadRequestException(
                    "parameter \"filter-lang\": \"" + lang + "\" is not supported; use cql2-text");
        }
        if (text == null) {
            if (q.get("filter-crs") != null) {
                throw new BadRequestException("parameter \"filter-crs\" is given without a filter");
            }
            return null;
        }
        OgcCrs filterCrs = OgcCrs.parse(q.get("filter-crs"), "filter-crs");
        try {
            return Cql2.parse(text, queryables, filterCrs::toLonLat, Geographic.FACTORY);
        } catch (Cql2Exception e) {
            throw new BadRequestException("parameter \"filter\": " + e.getMessage());
        }
    }

    private void counted(Filter filter, String collection, int matched, int returned) {
        if (filter == null) {
            return;
        }
        filterRequests.increment();
        filterFeatures.increment(returned);
        String text = filter.text();
        log.info(
                "OGC API filter on {} evaluated by the hub: {} matched, {} returned; filter: {}",
                collection,
                matched,
                returned,
                text.length() > 200 ? text.substring(0, 200) + "…" : text);
    }

    private static UnitQueries.Criteria criteria(OffsetDateTime[] when, Envelope envelope, Map<String, String> eq) {
        return new UnitQueries.Criteria(
                when[0], when[1], envelope, eq.get("category"), eq.get("division"), eq.get("basin"));
    }

    private static OffsetDateTime instantOnly(OffsetDateTime[] when) {
        if (when[0] == null || !when[0].equals(when[1])) {
            throw new BadRequestException(
                    "parameter \"datetime\": the access rules are read at an instant, not over an interval");
        }
        return when[0];
    }

    private static <E extends Enum<E>> E enumParam(ItemsRequest q, String name, Class<E> type) {
        String v = q.get(name);
        if (v == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, v);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("parameter \"" + name + "\": \"" + v + "\" is not one of "
                    + String.join(
                            ", ",
                            Stream.of(type.getEnumConstants()).map(Enum::name).toList()));
        }
    }

    private ObjectNode featureCollection(OffsetDateTime now, int matched, int returned) {
        ObjectNode body = mapper.createObjectNode();
        body.put("type", "FeatureCollection");
        body.put("timeStamp", AsOf.format(now));
        body.put("numberMatched", matched);
        body.put("numberReturned", returned);
        return body;
    }

    private void pagingLinks(
            ObjectNode body,
            HttpServletRequest request,
            String collection,
            ItemsRequest q,
            int offset,
            int limit,
            int matched) {
        ArrayNode links = body.putArray("links");
        link(links, pageUrl(request, q, offset, limit, "json"), "self", "application/geo+json", "this page");
        link(links, pageUrl(request, q, offset, limit, "html"), "alternate", "text/html", "this page as HTML");
        if (offset + limit < matched) {
            link(links, pageUrl(request, q, offset + limit, limit, "json"), "next", "application/geo+json", "next");
        }
        if (offset > 0) {
            link(
                    links,
                    pageUrl(request, q, Math.max(0, offset - limit), limit, "json"),
                    "prev",
                    "application/geo+json",
                    "previous page");
        }
        link(links, base() + "/collections/" + collection, "collection", "application/json", "the collection");
    }

    /** The same request at another offset; the instant of the first page is kept, so pages do not shift. */
    private String pageUrl(HttpServletRequest request, ItemsRequest q, int offset, int limit, String f) {
        var b = ServletUriComponentsBuilder.fromRequest(request)
                .replaceQueryParam("offset", offset)
                .replaceQueryParam("limit", limit)
                .replaceQueryParam("f", f);
        if (q.get("datetime") == null) {
            b.replaceQueryParam("datetime", AsOf.format(OffsetDateTime.now(ZoneOffset.UTC)));
        }
        return b.build(true).toUriString();
    }

    private ObjectNode unitFeature(StoredUnit u, OgcCrs crs) {
        ObjectNode f = mapper.createObjectNode();
        f.put("type", "Feature");
        f.put("id", u.code());
        f.set("geometry", u.geometry() == null ? null : GeoJsonGeometries.write(crs.fromLonLat(u.geometry())));
        ObjectNode p = f.putObject("properties");
        p.put("code", u.code());
        p.put("name", u.name());
        p.put("category", u.category().name());
        p.put("division", u.divisionCode());
        p.put("basin", OgcQueryables.basins(u));
        p.put("edition", u.edition());
        p.put("areaM2", Math.round(u.areaM2() * 100) / 100.0);
        p.put("version", u.version());
        p.put("validFrom", AsOf.format(u.validFrom()));
        p.put("validTo", AsOf.format(u.validTo()));
        return f;
    }

    private ObjectNode ruleFeature(StoredRule r) {
        ObjectNode f = mapper.createObjectNode();
        f.put("type", "Feature");
        f.put("id", r.ruleId());
        f.putNull("geometry");
        ObjectNode p = f.putObject("properties");
        p.put("id", r.ruleId());
        p.put("scope", r.scopeCode());
        p.put("level", r.level().name());
        p.put("dimension", r.dimension().name());
        p.put("seq", r.seq());
        p.put("text", r.text());
        p.put("edition", r.edition());
        p.put("version", r.version());
        p.put("validFrom", AsOf.format(r.validFrom()));
        return f;
    }

    private ObjectNode collection(String id) {
        String base = base() + "/collections/" + id;
        ObjectNode c = mapper.createObjectNode();
        c.put("id", id);
        ArrayNode links = c.putArray("links");
        link(links, base, "self", "application/json", "this collection");
        link(links, base + "/items?f=json", "items", "application/geo+json", "the items");
        link(links, base + "/items?f=html", "items", "text/html", "the items as HTML");
        link(
                links,
                base + "/queryables",
                "http://www.opengis.net/def/rel/ogc/1.0/queryables",
                "application/schema+json",
                "the queryables");
        c.put("itemType", "feature");
        if (id.equals(UNITS)) {
            c.put("title", "Environmental control units (环境管控单元)");
            c.put(
                    "description",
                    "The control units in force, with their category, division, basin and area;"
                            + " datetime selects the units in force at an instant or over an interval");
            Envelope e = extent();
            if (e != null) {
                ObjectNode spatial = c.putObject("extent").putObject("spatial");
                spatial.putArray("bbox")
                        .addArray()
                        .add(e.getMinX())
                        .add(e.getMinY())
                        .add(e.getMaxX())
                        .add(e.getMaxY());
                spatial.put("crs", OgcCrs.CRS84_URI);
            }
            OgcCrs.all().forEach(x -> c.withArray("crs").add(x.uri()));
            c.put("storageCrs", OgcCrs.CGCS2000.uri());
        } else {
            c.put("title", "Access rules (生态环境准入清单)");
            c.put(
                    "description",
                    "The clauses of the city, basin and unit access lists in force, by scope, level"
                            + " and dimension; no geometry");
        }
        return c;
    }

    private Envelope extent() {
        Envelope e = new Envelope();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        units.scan(
                UnitQueries.Criteria.at(now),
                true,
                u -> e.expandToInclude(u.geometry().getEnvelopeInternal()));
        return e.isNull() ? null : e;
    }

    private static HttpHeaders crsHeader(OgcCrs crs) {
        HttpHeaders h = new HttpHeaders();
        h.add("Content-Crs", "<" + crs.uri() + ">");
        return h;
    }

    private static void known(String collectionId) {
        if (!collectionId.equals(UNITS) && !collectionId.equals(RULES)) {
            throw new NotFoundException(
                    "no collection " + collectionId + "; the collections are " + UNITS + " and " + RULES);
        }
    }

    private static Map<String, Queryable> queryablesOf(String collectionId) {
        return collectionId.equals(UNITS) ? OgcQueryables.UNITS : OgcQueryables.RULES;
    }

    private static void only(MultiValueMap<String, String> params, Set<String> allowed) {
        new ItemsRequest(params == null ? new LinkedMultiValueMap<>() : params, allowed);
        String f = params == null ? null : params.getFirst("f");
        if (f != null && !f.equals("json") && !f.equals("html")) {
            throw new BadRequestException("parameter \"f\": \"" + f + "\" is neither json nor html");
        }
    }

    private static String base() {
        return ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/ogcapi")
                .build()
                .toUriString();
    }

    private static void link(ArrayNode links, String href, String rel, String type, String title) {
        ObjectNode l = links.addObject();
        l.put("href", href);
        l.put("rel", rel);
        l.put("type", type);
        if (!title.isEmpty()) {
            l.put("title", title);
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        java.util.Set<String> s = new java.util.HashSet<>(a);
        s.addAll(b);
        return Set.copyOf(s);
    }
}
