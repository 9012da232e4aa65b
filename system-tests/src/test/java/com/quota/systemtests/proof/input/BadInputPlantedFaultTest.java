package com.quota.systemtests.proof.input;

import com.quota.systemtests.proof.Verdict;
import com.quota.systemtests.proof.input.FakeWidgetApi.Fault;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bad-input verdicts turn red on planted faults: the same run (generator, sender, verdicts) against a tiny API
 * that answers bad input correctly passes, and fails the right verdict when the API answers 500 on a bad enum,
 * plain text on malformed JSON, or accepts a body without a required field.
 */
class BadInputPlantedFaultTest {

    @Test
    void aCorrectApiPassesEveryVerdict() throws Exception {
        assertThat(Verdict.failed(run(Fault.NONE))).isEmpty();
    }

    @Test
    void aServerErrorOnABadEnumTurnsTheNo5xxVerdictRed() throws Exception {
        assertThat(failedNames(run(Fault.SERVER_ERROR_ON_BAD_ENUM))).containsExactly("no 5xx and no request left unanswered");
    }

    @Test
    void aPlainTextRefusalTurnsTheProblemJsonVerdictRed() throws Exception {
        assertThat(failedNames(run(Fault.PLAIN_TEXT_ON_MALFORMED_JSON))).containsExactly("every 4xx is application/problem+json");
    }

    @Test
    void acceptingABodyWithoutARequiredFieldTurnsTheStatusVerdictRed() throws Exception {
        assertThat(failedNames(run(Fault.ACCEPTS_MISSING_REQUIRED))).containsExactly("bad input gets its status of ARCHITECTURE.md");
    }

    private static List<String> failedNames(List<Verdict> verdicts) {
        return Verdict.failed(verdicts).stream().map(Verdict::name).toList();
    }

    private static List<Verdict> run(Fault fault) throws Exception {
        try (FakeWidgetApi api = new FakeWidgetApi(fault)) {
            Function<String, String> token = caller -> "token-of-" + caller;
            BadInputRun.Result result = BadInputRun.run("planted fault " + fault, new BadInputRun.Setup(api.uri("/"),
                    Map.of("widgets", api.uri("/v3/api-docs")), List.of("admin"), 1, token, Map.of(), null, null, 500, false, 2, 1_000, true));
            System.out.println(result.report());
            return result.verdicts();
        }
    }
}
