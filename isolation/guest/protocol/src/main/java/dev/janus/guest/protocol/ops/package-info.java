/**
 * The messages: one file per operation holding its Request and Reply records, plus the records
 * they share. Fields may only be appended (PROTOCOL.md, "Compatibility").
 */
package dev.janus.guest.protocol.ops;
