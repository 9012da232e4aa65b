/** FX rate use cases and store. */
package com.quota.pipeline.fx.application;
