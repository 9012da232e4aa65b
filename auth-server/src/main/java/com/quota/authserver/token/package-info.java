/** What Quota's tokens say: roles, rep_id and scope claims. */
package com.quota.authserver.token;
