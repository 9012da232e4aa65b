/** Getting real tokens from auth-server without a browser: client credentials and the PKCE login flow. */
package com.quota.localstack.token;
