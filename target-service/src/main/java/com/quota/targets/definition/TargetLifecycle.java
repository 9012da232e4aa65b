package com.quota.targets.definition;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The lifecycle of a target version, DRAFT → SUBMITTED → APPROVED → PUBLISHED, and who may move it. A published
 * version never changes: {@code REVISE} opens the next version (a DRAFT carrying a reason) beside it.
 */
public final class TargetLifecycle {

    private static final Map<TargetStatus, Map<TargetAction, TargetStatus>> TRANSITIONS = Map.of(
            TargetStatus.DRAFT, Map.of(TargetAction.EDIT, TargetStatus.DRAFT, TargetAction.SUBMIT, TargetStatus.SUBMITTED),
            TargetStatus.SUBMITTED, Map.of(TargetAction.APPROVE, TargetStatus.APPROVED, TargetAction.REJECT, TargetStatus.DRAFT),
            TargetStatus.APPROVED, Map.of(TargetAction.PUBLISH, TargetStatus.PUBLISHED, TargetAction.REJECT, TargetStatus.DRAFT),
            // the published version stays as it is; REVISE starts version n+1 in DRAFT
            TargetStatus.PUBLISHED, Map.of(TargetAction.REVISE, TargetStatus.DRAFT));

    private TargetLifecycle() {
    }

    /** The actions the status allows, whoever asks. */
    public static Set<TargetAction> allowedFrom(TargetStatus status) {
        Set<TargetAction> allowed = EnumSet.noneOf(TargetAction.class);
        allowed.addAll(TRANSITIONS.get(status).keySet());
        return allowed;
    }

    /** The status after {@code action}; refuses an action the status does not allow. */
    public static TargetStatus next(TargetStatus from, TargetAction action) {
        TargetStatus to = TRANSITIONS.get(from).get(action);
        if (to == null) {
            throw new TransitionNotAllowed(from, action, allowedFrom(from));
        }
        return to;
    }

    /**
     * The role rules. Submit: the owner (REP own, MANAGER own or subtree), DIRECTOR, ADMIN. Approve and reject: a MANAGER
     * for targets below them but never their own, DIRECTOR, ADMIN. Publish: DIRECTOR, ADMIN. Revise: like approve.
     * Scope (can the caller see the target at all) is checked before and answers 404.
     */
    public static void requireMayPerform(Set<ActorRole> roles, TargetAction action, OwnerRelation relation) {
        if (roles.contains(ActorRole.ADMIN) || roles.contains(ActorRole.DIRECTOR)) {
            return;
        }
        boolean allowed = switch (action) {
            case EDIT -> roles.contains(ActorRole.MANAGER) && relation != OwnerRelation.OTHER
                    || roles.contains(ActorRole.REP) && relation == OwnerRelation.OWN
                    || roles.contains(ActorRole.INTEGRATION);
            case SUBMIT -> roles.contains(ActorRole.MANAGER) && relation != OwnerRelation.OTHER
                    || roles.contains(ActorRole.REP) && relation == OwnerRelation.OWN;
            case APPROVE, REJECT, REVISE -> roles.contains(ActorRole.MANAGER) && relation == OwnerRelation.SUBTREE;
            case PUBLISH -> false;
        };
        if (!allowed) {
            throw new RoleMayNot(roles + " may not " + action + (relation == OwnerRelation.OWN ? " their own target" : " this target"));
        }
    }

    /** Who may edit the amounts of a DRAFT: the owner, a MANAGER above it, DIRECTOR, ADMIN, an INTEGRATION client. */
    public static void requireMayEditDraft(Set<ActorRole> roles, OwnerRelation relation) {
        if (roles.contains(ActorRole.ADMIN) || roles.contains(ActorRole.DIRECTOR) || roles.contains(ActorRole.INTEGRATION)) {
            return;
        }
        if (roles.contains(ActorRole.MANAGER) && relation != OwnerRelation.OTHER
                || roles.contains(ActorRole.REP) && relation == OwnerRelation.OWN) {
            return;
        }
        throw new RoleMayNot(roles + " may not edit this target");
    }
}
