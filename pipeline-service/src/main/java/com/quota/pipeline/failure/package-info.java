/** Why a command is refused, in business terms; the web layer turns each into its problem+json status. */
package com.quota.pipeline.failure;
