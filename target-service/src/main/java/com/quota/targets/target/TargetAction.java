package com.quota.targets.target;

/** What a caller may do to a target version; {@code REVISE} opens the next version of a published target. */
public enum TargetAction { SUBMIT, APPROVE, REJECT, PUBLISH, REVISE }
