package com.example.partoo.service;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A booking service as another team would write it on partoo-spring-boot-starter: one page with the signed-in user's
 * Partoo login link ({@link PartooLinkController}); the client, its health and its metrics come from the starter.
 */
@SpringBootApplication
public class BookingServiceApplication {

  public static void main(String[] args) {
    SpringApplication.run(BookingServiceApplication.class, args);
  }
}
