/** Topic names, header names, event types, JSON Schemas and golden examples shared by producers and consumers. */
package com.quota.eventcontracts;
