package dev.janus.isolation.uvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.janus.cri.errors.CriException;
import org.junit.jupiter.api.Test;

class SignalsTest {

    @Test
    void namesAndNumbers() {
        assertEquals(15, Signals.number(null));
        assertEquals(15, Signals.number(""));
        assertEquals(15, Signals.number("SIGTERM"));
        assertEquals(3, Signals.number("sigquit"));
        assertEquals(2, Signals.number("INT"));
        assertEquals(9, Signals.number("9"));
        assertEquals(28, Signals.number("SIGWINCH"));
        assertEquals(34, Signals.number("SIGRTMIN"));
        assertEquals(37, Signals.number("RTMIN+3"));
        assertEquals(62, Signals.number("SIGRTMAX-2"));
        assertThrows(CriException.class, () -> Signals.number("SIGNOPE"));
        assertThrows(CriException.class, () -> Signals.number("99"));
    }
}
