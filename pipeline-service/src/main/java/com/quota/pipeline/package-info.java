/** pipeline-service: accounts and customer pool, pipelines and stages, opportunities and forecast. */
package com.quota.pipeline;
