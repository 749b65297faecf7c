package io.phoenixdiag.capture.internal;

/**
 * A direction-free 5-tuple: the two ends in canonical order (A is the smaller address/port), so both
 * directions of a flow find the same key. Mutable only while used as a lookup probe.
 */
public final class ConnKey {
    long aHi;
    long aLo;
    long bHi;
    long bLo;
    int aPort;
    int bPort;
    int proto;
    int hash;

    /**
     * Sets the probe from a packet's source and destination.
     *
     * @param proto  protocol
     * @param sHi    source high
     * @param sLo    source low
     * @param sPort  source port
     * @param dHi    destination high
     * @param dLo    destination low
     * @param dPort  destination port
     * @return true when the source is end A
     */
    boolean set(int proto, long sHi, long sLo, int sPort, long dHi, long dLo, int dPort) {
        this.proto = proto;
        int c = Long.compareUnsigned(sHi, dHi);
        if (c == 0) {
            c = Long.compareUnsigned(sLo, dLo);
        }
        if (c == 0) {
            c = Integer.compare(sPort, dPort);
        }
        boolean srcIsA = c <= 0;
        if (srcIsA) {
            aHi = sHi; aLo = sLo; aPort = sPort; bHi = dHi; bLo = dLo; bPort = dPort;
        } else {
            aHi = dHi; aLo = dLo; aPort = dPort; bHi = sHi; bLo = sLo; bPort = sPort;
        }
        long h = aHi * 31 + aLo;
        h = h * 31 + bHi;
        h = h * 31 + bLo;
        h = h * 31 + ((long) aPort << 16 | bPort);
        h = h * 31 + proto;
        hash = (int) (h ^ (h >>> 32));
        return srcIsA;
    }

    ConnKey copy() {
        ConnKey k = new ConnKey();
        k.aHi = aHi; k.aLo = aLo; k.bHi = bHi; k.bLo = bLo; k.aPort = aPort; k.bPort = bPort; k.proto = proto;
        k.hash = hash;
        return k;
    }

    long[] address(boolean a) {
        return a ? new long[] {aHi, aLo} : new long[] {bHi, bLo};
    }

    int port(boolean a) {
        return a ? aPort : bPort;
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ConnKey)) {
            return false;
        }
        ConnKey k = (ConnKey) o;
        return aLo == k.aLo && bLo == k.bLo && aPort == k.aPort && bPort == k.bPort && proto == k.proto
                && aHi == k.aHi && bHi == k.bHi;
    }
}
