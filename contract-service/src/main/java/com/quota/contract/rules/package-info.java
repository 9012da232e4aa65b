/** The one exception type business rules throw, with the kind of answer it deserves. */
package com.quota.contract.rules;
