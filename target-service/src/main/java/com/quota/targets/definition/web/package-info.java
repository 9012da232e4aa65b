/** HTTP face of targets: /api/targets/**. */
package com.quota.targets.definition.web;
