package com.quota.targets.definition;

/** The caller's role may not take this action on this target (403), e.g. a REP approving, a MANAGER approving their own. */
public class RoleMayNot extends RuntimeException {

    public RoleMayNot(String detail) {
        super(detail);
    }
}
