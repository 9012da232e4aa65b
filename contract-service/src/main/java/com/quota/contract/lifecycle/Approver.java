package com.quota.contract.lifecycle;

import com.quota.contract.approval.ApproverRole;

import java.util.Set;

/** Someone deciding an approval step: who, which approver roles they hold, and whether they manage the owner's unit. */
public record Approver(Actor actor, Set<ApproverRole> roles, boolean managesOwnersUnit) {
}
