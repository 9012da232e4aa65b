/** The contract aggregate: status machine, versions and amendments, owners; plain Java. */
package com.quota.contract.lifecycle;
