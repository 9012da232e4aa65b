/** Capturing the log lines a test provokes, with the trace id each carried when it was written. */
package com.quota.testsupport.logs;
