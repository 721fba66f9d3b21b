package org.zoninghub;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class ZoningHubApplication {
    public static void main(String[] args) {
        SpringApplication.run(ZoningHubApplication.class, args);
    }
}
