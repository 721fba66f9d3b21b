package org.zoninghub.admin;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The administrators' web console: static files under {@code classpath:/static/console/} (HTML, JavaScript, CSS and
 * the vendored map library), served by the hub itself. {@code /console} redirects to {@code /console/} so that the
 * page's relative links ({@code console.js}, {@code ../api/v1/…}) resolve the same under any context path.
 */
@Controller
class ConsoleController {

    @GetMapping("/console")
    String console() {
        return "redirect:/console/";
    }

    @GetMapping("/console/")
    String index() {
        return "forward:/console/index.html";
    }
}
