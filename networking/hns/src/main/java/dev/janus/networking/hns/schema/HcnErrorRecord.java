package dev.janus.networking.hns.schema;

/**
 * The {@code ErrorRecord} HCN calls fill in on failure, e.g.
 * {@code {"Success":false,"Error":"An address provided is invalid or reserved. ","ErrorCode":2151350319}}.
 * {@code ErrorCode} is the HRESULT as an unsigned decimal.
 */
public record HcnErrorRecord(Boolean success, String error, Long errorCode) {
}
