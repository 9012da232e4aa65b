package com.quota.targets.archfixture;

import org.springframework.http.HttpStatus;

/** A domain-looking class that leans on HTTP types: the architecture rule must reject it. */
public class LeakyDomainFixture {

    public HttpStatus statusOfAllocation() {
        return HttpStatus.CONFLICT;
    }
}
