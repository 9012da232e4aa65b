package com.quota.orgdirectory.scope;

import com.quota.resourceserver.Caller;
import com.quota.resourceserver.Role;
import org.junit.jupiter.api.Test;
import org.springframework.security.access.AccessDeniedException;

import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The SQL predicates and checks a resolved scope gives a service. */
class CallerScopeTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 26);
    static final UUID ME = UUID.randomUUID(), OTHER = UUID.randomUUID(), TEAM = UUID.randomUUID();

    @Test
    void aLimitedScopeBindsItsRepsAndUnitsAsArrays() {
        CallerScope scope = CallerScope.of(caller(Role.MANAGER, ME), TODAY, Set.of(ME), Set.of(TEAM));
        SqlPredicate reps = scope.repPredicate("t.owner_rep_id");
        assertThat(reps.sql()).isEqualTo("t.owner_rep_id = ANY(:scopeReps)");
        assertThat(reps.binds().get("scopeReps")).isEqualTo(new UUID[]{ME});
        SqlPredicate units = scope.unitPredicate("t.unit_id");
        assertThat(units.sql()).isEqualTo("t.unit_id = ANY(:scopeUnits)");
        assertThat(units.binds().get("scopeUnits")).isEqualTo(new UUID[]{TEAM});
        assertThat(reps.and(units).sql()).isEqualTo("(t.owner_rep_id = ANY(:scopeReps)) AND (t.unit_id = ANY(:scopeUnits))");
        assertThat(scope.canSeeRep(ME)).isTrue();
        assertThat(scope.canSeeRep(OTHER)).isFalse();
        assertThat(scope.canSeeAnyRep(Set.of(OTHER, ME))).isTrue();
        assertThat(scope.canSeeUnit(TEAM)).isTrue();
        assertThat(scope.canSeeUnit(UUID.randomUUID())).isFalse();
    }

    @Test
    void coOwnedRecordsAreVisibleWhenAnyOwnerIs() {
        CallerScope scope = CallerScope.of(caller(Role.REP, ME), TODAY, Set.of(ME), Set.of());
        assertThat(scope.repPredicate("ANY(SELECT rep_id FROM opportunity_owner o WHERE o.opportunity_id = t.id)").sql())
                .isEqualTo("ARRAY(SELECT rep_id FROM opportunity_owner o WHERE o.opportunity_id = t.id) && :scopeReps");
    }

    @Test
    void everythingIsTrueAndNothingIsFalseWithoutBinds() {
        CallerScope all = CallerScope.everything(caller(Role.DIRECTOR, ME), TODAY);
        assertThat(all.repPredicate("owner_rep_id")).isEqualTo(SqlPredicate.ALL);
        assertThat(all.unitPredicate("unit_id").sql()).isEqualTo("TRUE");
        assertThat(all.canSeeRep(OTHER)).isTrue();
        CallerScope none = CallerScope.of(caller(Role.REP, null), TODAY, Set.of(), Set.of());
        assertThat(none.repPredicate("owner_rep_id")).isEqualTo(SqlPredicate.NONE);
        assertThat(none.unitPredicate("unit_id").binds()).isEmpty();
    }

    @Test
    void aMachineClientNeedsTheScopeWhilePeopleGoByTheirRoles() {
        Caller crm = new Caller("crm-sync", Set.of(Role.INTEGRATION), null, Set.of("opportunities.read"));
        CallerScope scope = CallerScope.everything(crm, TODAY);
        assertThatCode(() -> scope.requireScope("opportunities.read")).doesNotThrowAnyException();
        assertThatThrownBy(() -> scope.requireScope("opportunities.write")).isInstanceOf(AccessDeniedException.class);
        assertThatCode(() -> CallerScope.of(caller(Role.REP, ME), TODAY, Set.of(ME), Set.of())
                .requireScope("opportunities.write")).doesNotThrowAnyException();
        Caller nobody = new Caller("odd", Set.of(), null, Set.of());
        assertThatThrownBy(() -> CallerScope.of(nobody, TODAY, Set.of(), Set.of()).requireScope("opportunities.read"))
                .isInstanceOf(AccessDeniedException.class);
    }

    static Caller caller(Role role, UUID repId) {
        return new Caller(role.name().toLowerCase(), Set.of(role), repId, Set.of());
    }
}
