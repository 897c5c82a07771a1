/**
 * One reflective codec for every message record: fields in declaration order, nested records
 * length-prefixed so fields can be appended compatibly; every length checked against the bytes
 * left before anything is allocated (the decoder is fuzzed by DecoderFuzzTest).
 */
package dev.janus.guest.protocol.codec;
