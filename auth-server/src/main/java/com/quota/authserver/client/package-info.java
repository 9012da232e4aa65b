/** OAuth2 clients: their definitions (from configuration and the demo company), storage and enabled status. */
package com.quota.authserver.client;
