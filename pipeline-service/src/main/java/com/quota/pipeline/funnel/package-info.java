/** Funnel analytics over a window: per-stage reach, measured conversion, days in stage, win rate, velocity, losses. */
package com.quota.pipeline.funnel;
