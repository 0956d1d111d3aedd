package com.example.partoo.service;

import com.acme.partoo.spring.autoconfigure.PartooUserResolver;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may see what: everything but health needs signing in (Spring Security's form login), CSRF protection on as by
 * default, for the Partoo token endpoint too. The starter adds nothing to this chain; it only asks, through the
 * {@link PartooUserResolver} below, who the signed-in user is at Partoo.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

  @Bean
  SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
    return http
        .authorizeHttpRequests(requests -> requests
            .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
            .anyRequest().authenticated())
        .formLogin(Customizer.withDefaults())
        .logout(Customizer.withDefaults())
        .build();
  }

  @Bean
  StaffDirectory staffDirectory() {
    return StaffDirectory.demo();
  }

  @Bean
  InMemoryUserDetailsManager users(StaffDirectory staff) {
    InMemoryUserDetailsManager users = new InMemoryUserDetailsManager();
    for (StaffDirectory.Member member : staff.members()) {
      UserDetails user = User.withUsername(member.username()).password(member.password()).roles("STAFF").build();
      users.createUser(user);
    }
    return users;
  }

  // README: resolver
  @Bean
  PartooUserResolver partooUserResolver(StaffDirectory staff) {
    return request -> Optional.ofNullable(request.getUserPrincipal())   // Spring Security's Authentication
        .flatMap(user -> staff.partooUserId(user.getName()));          // empty: 401, nothing sent to Partoo
  }
  // README: end resolver
}
