/** HTTP face of the company settings. */
package com.quota.targets.settings.web;
