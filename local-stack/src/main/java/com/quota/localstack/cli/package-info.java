/** The {@code ./quota} command line: run, stop, status, token. */
package com.quota.localstack.cli;
