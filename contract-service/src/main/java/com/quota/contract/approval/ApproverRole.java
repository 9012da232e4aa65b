package com.quota.contract.approval;

/** Who may decide an approval step: a MANAGER of the owner's unit, a DIRECTOR, or an ADMIN acting as finance. */
public enum ApproverRole {
    MANAGER, DIRECTOR, ADMIN
}
