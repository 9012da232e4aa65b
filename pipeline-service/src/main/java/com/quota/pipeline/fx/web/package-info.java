/** The FX rates API: {@code /api/fx-rates}. */
package com.quota.pipeline.fx.web;
