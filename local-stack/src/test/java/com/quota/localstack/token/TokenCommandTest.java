package com.quota.localstack.token;

import com.quota.localstack.cli.Arguments;
import com.quota.localstack.demo.DemoCompanyReader;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TokenCommandTest {

    @Test
    void aDemoUserWhoseLoginFailsIsToldThePasswordWasRefused() {
        assertThat(TokenCommand.loginHint("rep.li", DemoCompanyReader.read()))
                .contains("'rep.li' is a demo user").contains("password was refused");
    }

    @Test
    void anUnknownUserIsToldSoAndShownTheDemoUsers() {
        String hint = TokenCommand.loginHint("rep.nobody", DemoCompanyReader.read());
        assertThat(hint).contains("'rep.nobody' is not a demo user (unknown user)").contains("rep.li").contains("admin");
    }

    @Test
    void bothUsageTextsNameThePasswordOption() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = TokenCommand.run(new String[]{"--help"}, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--password");
        assertThat(Arguments.USAGE).contains("token <username> [--password <p>]").contains("--password   the user's password");
    }

    @Test
    void anUnreachableAuthServerIsNoTokenWithExitCodeOne() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = TokenCommand.run(new String[]{"rep.li", "--auth-server", "http://127.0.0.1:1"}, Map.of(),
                System.out, new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("no token:").doesNotContain("demo user");
    }
}
