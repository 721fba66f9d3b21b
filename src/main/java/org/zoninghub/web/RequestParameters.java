package org.zoninghub.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.util.UriUtils;

/**
 * Every query parameter and the path of every request, checked before a controller sees it: a name or value holding a control
 * character (NUL, ESC, DEL …; tab, line feed and carriage return are allowed, a CQL2 filter may span lines), a byte
 * sequence that is not UTF-8 (decoded as U+FFFD), or a value longer than {@value #MAX_VALUE_CHARS} characters is
 * answered 400 naming the parameter. No such value reaches a query, so a caller never sees a database error.
 */
@Configuration(proxyBeanMethods = false)
public class RequestParameters implements WebMvcConfigurer {

    /** The longest parameter value taken (a CQL2 filter has its own, smaller budget). */
    public static final int MAX_VALUE_CHARS = 16_384;

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                String path;
                try {
                    path = UriUtils.decode(request.getRequestURI(), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    throw new BadRequestException("the path is not correctly percent-encoded");
                }
                String pathDefect = defect(path);
                if (pathDefect != null) {
                    throw new BadRequestException("the path " + pathDefect);
                }
                String type = request.getContentType();
                if (type != null && type.startsWith("application/x-www-form-urlencoded")) {
                    return true; // reading the parameters would consume a form body the handler reads itself
                }
                check(request.getParameterMap());
                return true;
            }
        });
    }

    /** @throws BadRequestException naming the first parameter whose name or value is not acceptable */
    static void check(Map<String, String[]> parameters) {
        for (Map.Entry<String, String[]> e : parameters.entrySet()) {
            String name = e.getKey();
            String nameDefect = defect(name);
            if (nameDefect != null) {
                throw new BadRequestException("a query parameter name " + nameDefect);
            }
            for (String value : e.getValue()) {
                String valueDefect = defect(value);
                if (valueDefect != null) {
                    throw new BadRequestException("parameter \"" + name + "\" " + valueDefect);
                }
                if (value.length() > MAX_VALUE_CHARS) {
                    throw new BadRequestException(
                            "parameter \"" + name + "\" is longer than " + MAX_VALUE_CHARS + " characters");
                }
            }
        }
    }

    private static String defect(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                return String.format("holds the control character U+%04X at position %d", (int) c, i + 1);
            }
            if (c == '\uFFFD') {
                return "is not valid UTF-8 (percent-encoded bytes at position " + (i + 1) + ")";
            }
        }
        return null;
    }
}
