package com.quota.targets.definition.application;

import com.quota.targets.definition.LevelAmounts;
import com.quota.targets.definition.persistence.TargetRow;
import com.quota.targets.definition.persistence.VersionRow;

/** A target with one of its versions and that version's amounts. */
public record TargetDetail(TargetRow target, VersionRow version, LevelAmounts amounts) {
}
