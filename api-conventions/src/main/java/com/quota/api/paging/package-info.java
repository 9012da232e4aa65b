/** Collections: {@code ?page&size&sort}, the {@code items}/{@code page} envelope, and streamed CSV exports. */
package com.quota.api.paging;
