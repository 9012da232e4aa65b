/** {@link com.quota.api.problem.ApiProblem}: the problems every endpoint answers with, each with a stable type. */
package com.quota.api.problem;
