package com.quota.authserver.directory;

import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * Form login against the directory. Every demo user shares one password, hashed once at start (BCrypt
 * per user would cost seconds of start-up for ~75 users). Returns Spring's own {@link User} so the
 * authorization service can store the principal with its allow-listed JSON mapping.
 */
public final class DirectoryUserDetailsService implements UserDetailsService {

    private final Directory directory;
    private final String encodedDemoPassword;

    public DirectoryUserDetailsService(Directory directory, String encodedDemoPassword) {
        this.directory = directory;
        this.encodedDemoPassword = encodedDemoPassword;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        Identity identity = directory.find(username)
                .orElseThrow(() -> new UsernameNotFoundException("unknown user"));
        return User.withUsername(identity.username())
                .password(encodedDemoPassword)
                .roles(identity.role().name())
                .build();
    }
}
