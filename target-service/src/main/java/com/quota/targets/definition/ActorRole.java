package com.quota.targets.definition;

/** The caller's role as the lifecycle rules see it (the five token roles). */
public enum ActorRole { ADMIN, DIRECTOR, MANAGER, REP, INTEGRATION }
