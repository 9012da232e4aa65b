/** Who may sign in: the demo company's people and admins, read from the one demo-company definition. */
package com.quota.authserver.directory;
