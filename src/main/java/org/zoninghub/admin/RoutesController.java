package org.zoninghub.admin;

import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.zoninghub.admin.RouteControl.Action;
import org.zoninghub.admin.RouteControl.RouteView;
import org.zoninghub.web.ConflictException;
import org.zoninghub.web.NotFoundException;

/**
 * The hub's Camel routes for administrators: status and figures of each, and start, stop, suspend, resume. Stopping
 * or suspending a route while it holds the sync lock is refused (409).
 */
@RestController
@RequestMapping("/api/v1/admin/routes")
class RoutesController {

    private final RouteControl routes;

    RoutesController(RouteControl routes) {
        this.routes = routes;
    }

    @GetMapping
    List<RouteView> list() {
        return routes.routes();
    }

    @GetMapping("/{id}")
    RouteView get(@PathVariable String id) {
        return routes.route(id).orElseThrow(() -> notFound(id));
    }

    @PostMapping("/{id}/start")
    RouteView start(@PathVariable String id) {
        return apply(id, Action.START);
    }

    @PostMapping("/{id}/stop")
    RouteView stop(@PathVariable String id) {
        return apply(id, Action.STOP);
    }

    @PostMapping("/{id}/suspend")
    RouteView suspend(@PathVariable String id) {
        return apply(id, Action.SUSPEND);
    }

    @PostMapping("/{id}/resume")
    RouteView resume(@PathVariable String id) {
        return apply(id, Action.RESUME);
    }

    private RouteView apply(String id, Action action) {
        try {
            return routes.apply(id, action);
        } catch (NoSuchElementException e) {
            throw notFound(id);
        } catch (IllegalStateException e) {
            throw new ConflictException(
                    "Route cannot " + action.name().toLowerCase(Locale.ROOT) + " now", e.getMessage());
        }
    }

    private static NotFoundException notFound(String id) {
        return new NotFoundException("no route " + id + "; GET /api/v1/admin/routes lists them");
    }
}
