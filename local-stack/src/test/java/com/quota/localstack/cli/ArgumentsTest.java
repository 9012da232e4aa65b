package com.quota.localstack.cli;

import com.quota.localstack.cli.Arguments.UsageException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArgumentsTest {

    @Test
    void noArgumentsMeansRunWithoutResetOrDemoData() {
        assertThat(Arguments.parse()).isEqualTo(new Command.Run(false, false));
    }

    @Test
    void runTakesResetAndDemoDataInAnyOrderWithOrWithoutTheVerb() {
        assertThat(Arguments.parse("run", "--demo-data", "--reset")).isEqualTo(new Command.Run(true, true));
        assertThat(Arguments.parse("--reset")).isEqualTo(new Command.Run(true, false));
        assertThat(Arguments.parse("--demo-data")).isEqualTo(new Command.Run(false, true));
        assertThat(Arguments.parse("run", "--build")).isEqualTo(new Command.Run(false, false));
    }

    @Test
    void stopAndStatusTakeNoArguments() {
        assertThat(Arguments.parse("stop")).isEqualTo(new Command.Stop());
        assertThat(Arguments.parse("status")).isEqualTo(new Command.Status());
        assertThatThrownBy(() -> Arguments.parse("stop", "now")).isInstanceOf(UsageException.class)
                .hasMessage("stop takes no arguments, got now");
    }

    @Test
    void tokenPassesItsArgumentsThroughUnchanged() {
        assertThat(Arguments.parse("token", "rep.li")).isEqualTo(new Command.Token(List.of("rep.li")));
        assertThat(Arguments.parse("token", "--client", "crm-sync", "--secret", "s"))
                .isEqualTo(new Command.Token(List.of("--client", "crm-sync", "--secret", "s")));
        assertThatThrownBy(() -> Arguments.parse("token")).isInstanceOf(UsageException.class);
    }

    @Test
    void unknownCommandsAndOptionsAreUsageErrorsThatNameThem() {
        assertThatThrownBy(() -> Arguments.parse("start")).isInstanceOf(UsageException.class).hasMessage("unknown command 'start'");
        assertThatThrownBy(() -> Arguments.parse("run", "--demo")).isInstanceOf(UsageException.class)
                .hasMessage("unknown option '--demo' for run");
    }

    @Test
    void helpIsAvailableEverywhereSensible() {
        assertThat(Arguments.parse("help")).isEqualTo(new Command.Help());
        assertThat(Arguments.parse("run", "--help")).isEqualTo(new Command.Help());
        assertThat(Arguments.parse("--help")).isEqualTo(new Command.Help());
    }
}
