package com.quota.pipeline;

import com.quota.testsupport.service.ServiceTraceIdInLogsContract;

/** A request's trace id, sampled or not, is in the lines written inside its reactive chain and in the event it wrote. */
class TraceIdInLogsIT extends AbstractPipelineServiceIT implements ServiceTraceIdInLogsContract {
}
