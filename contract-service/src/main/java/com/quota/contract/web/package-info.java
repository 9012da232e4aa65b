/** The HTTP face of contract-service: controllers, JSON shapes, problem mapping. */
package com.quota.contract.web;
