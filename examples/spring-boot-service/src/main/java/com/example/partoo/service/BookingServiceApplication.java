package com.example.partoo.service;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A booking service as another team would write it on partoo-spring-boot-starter: Spring Security form login
 * ({@link SecurityConfiguration}, which also tells the starter who the signed-in user is at Partoo), a bookings page
 * whose "Open Partoo" link is the starter's login endpoint, and a page that gets a token as Partoo's JS SDK would
 * ({@link BookingsController}). No page calls Partoo to render; the client, its health and its metrics come from the
 * starter.
 */
@SpringBootApplication
public class BookingServiceApplication {

  public static void main(String[] args) {
    SpringApplication.run(BookingServiceApplication.class, args);
  }
}
