/** Business rule violations the domain raises and the web layer renders as problem+json. */
package com.quota.performance.rules;
