package com.quota.targets.target.application;

import com.quota.targets.target.LevelAmounts;
import com.quota.targets.target.persistence.TargetRow;
import com.quota.targets.target.persistence.VersionRow;

/** A target with one of its versions and that version's amounts. */
public record TargetDetail(TargetRow target, VersionRow version, LevelAmounts amounts) {
}
