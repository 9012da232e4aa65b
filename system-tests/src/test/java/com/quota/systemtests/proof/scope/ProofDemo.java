package com.quota.systemtests.proof.scope;

import com.quota.localstack.apps.App;
import com.quota.localstack.demo.DemoCompany;
import com.quota.localstack.demo.DemoDataGenerator;
import com.quota.localstack.demo.DemoLoader;
import com.quota.localstack.demo.DemoTokens;
import com.quota.systemtests.RunningStack;
import com.quota.systemtests.StackTokens;
import com.quota.systemtests.proof.input.ProofCallers;

/**
 * The demo company loaded into the shared stack once per JVM, through the gateway with real tokens, by the same
 * {@link DemoLoader} as {@code ./quota run --demo-data}. The short form loads the same org tree, people and
 * clients with fewer opportunities (the steps are the same); the full form loads the whole data set, unless
 * {@code -Dproof.demo=short} asks for the short set (every caller of the full form, without the 26-minute load).
 */
public final class ProofDemo {

    static final int SHORT_FORM_OPPORTUNITIES = 120;
    private static DemoLoader.Report report;

    private ProofDemo() {
    }

    public static synchronized DemoLoader.Report ensureLoaded() {
        if (report == null) {
            DemoCompany company = StackTokens.DEMO;
            if (!ProofCallers.fullForm() || "short".equals(System.getProperty("proof.demo"))) {
                DemoCompany.Dataset d = company.dataset();
                company = new DemoCompany(company.company(), company.units(), company.people(), company.admins(),
                        company.integrations(), new DemoCompany.Dataset(d.seed(), SHORT_FORM_OPPORTUNITIES, d.wonShare(),
                        d.lostShare(), d.currencies(), d.productLines(), d.channels(), d.segments()));
            }
            DemoCompany loaded = company;
            DemoTokens tokens = new DemoTokens(() -> ProofCallers.token(loaded.admin().username()),
                    clientId -> ProofCallers.token(ProofCallers.client(clientId)), ProofCallers::token);
            report = new DemoLoader(RunningStack.get().options().baseUri(App.GATEWAY), company,
                    new DemoDataGenerator(company).generate(), tokens, line -> System.out.println("[demo] " + line)).load();
        }
        return report;
    }
}
