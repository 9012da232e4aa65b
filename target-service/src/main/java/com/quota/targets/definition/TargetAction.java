package com.quota.targets.definition;

/** What a caller may do to a target version: EDIT a draft's amounts, move it on, or REVISE (open the next version of) a published one. */
public enum TargetAction { EDIT, SUBMIT, APPROVE, REJECT, PUBLISH, REVISE }
