package com.quota.orgdirectory.testapp;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A tiny service on org-directory: records owned by reps, listed and created within the caller's scope. */
@SpringBootApplication
public class OrgDirectoryTestApplication {
}
