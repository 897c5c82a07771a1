package dev.janus.networking.hns.hcn;

import dev.janus.cri.errors.CriException;
import dev.janus.networking.hns.schema.HcnErrorRecord;
import dev.janus.networking.hns.schema.HcnResponses;
import java.util.Optional;

/**
 * A computenetwork.dll call that failed: the export, its HRESULT and the error record it wrote.
 * It does not know which pod or network the call was for; {@link #toCriException} adds that.
 */
public final class HcnException extends RuntimeException {

    private final String function;
    private final int hresult;
    private final String errorRecord;

    public HcnException(String function, int hresult, String errorRecord) {
        super(function + " failed: " + HResults.describe(hresult) + detail(errorRecord));
        this.function = function;
        this.hresult = hresult;
        this.errorRecord = errorRecord == null ? "" : errorRecord;
    }

    public String function() {
        return function;
    }

    public int hresult() {
        return hresult;
    }

    public String errorRecord() {
        return errorRecord;
    }

    public boolean isNotFound() {
        return HResults.isNotFound(hresult);
    }

    /**
     * The CRI error: "HcnCreateEndpoint for pod default/web on network janus-nat failed:
     * 0x803b0013 HCN_E_PORT_ALREADY_EXISTS (...): &lt;what HNS said&gt;".
     */
    public CriException toCriException(String subject) {
        String message = function + " for " + subject + " failed: " + HResults.describe(hresult)
                + detail(errorRecord);
        return new CriException(HResults.kind(hresult), message, this);
    }

    /** HNS's own words from the record; the raw text when it is no record. */
    private static String detail(String errorRecord) {
        if (errorRecord == null || errorRecord.isBlank()) {
            return "";
        }
        Optional<String> said = HcnResponses.errorRecord(errorRecord).map(HcnErrorRecord::error)
                .filter(s -> !s.isBlank());
        return ": " + said.orElse(errorRecord).strip();
    }
}
