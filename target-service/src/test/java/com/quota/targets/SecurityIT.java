package com.quota.targets;

import com.quota.testsupport.service.ServiceSecurityContract;

/** Security is on: no token or a bad one is 401, a role that may not is 403, all as problem+json. */
class SecurityIT extends AbstractTargetServiceIT implements ServiceSecurityContract {

    @Override
    public String protectedApiPath() {
        return "/api/targets/settings";
    }
}
