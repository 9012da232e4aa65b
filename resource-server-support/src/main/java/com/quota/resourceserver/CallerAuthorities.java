package com.quota.resourceserver;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** The one place that turns a token into authorities: each role → ROLE_&lt;role&gt;, each scope → SCOPE_&lt;scope&gt;. */
public final class CallerAuthorities implements Converter<Jwt, Collection<GrantedAuthority>> {

    @Override
    public Collection<GrantedAuthority> convert(Jwt jwt) {
        return of(Caller.from(jwt));
    }

    /** The authorities a caller holds. */
    public static List<GrantedAuthority> of(Caller caller) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        for (Role role : caller.roles()) {
            authorities.add(new SimpleGrantedAuthority(role.authority()));
        }
        for (String scope : caller.scopes()) {
            authorities.add(new SimpleGrantedAuthority("SCOPE_" + scope));
        }
        return authorities;
    }
}
