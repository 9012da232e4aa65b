/** Token signing keys: persisted RSA keys, the JWKS they publish, rotation and retirement. */
package com.quota.authserver.key;
