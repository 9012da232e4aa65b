/** Admin HTTP API for clients: list, disable, enable. */
package com.quota.authserver.client.web;
