/** Admin HTTP API for signing keys: list, rotate, retire. */
package com.quota.authserver.key.web;
