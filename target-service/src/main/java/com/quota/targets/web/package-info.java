/** HTTP edge shared by every feature: the domain's refusals rendered as problem+json. */
package com.quota.targets.web;
