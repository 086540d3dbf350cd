package candado.tls.pkix;

import candado.tls.CertificateRejected;

/**
 * Builds a path from the leaf to a trust anchor by depth-first search with backtracking (RFC
 * 4158): every certificate whose subject is the child's issuer, trusted roots first, the sent
 * chain after, those whose key identifiers agree before those whose do not. A candidate joins
 * the path only if its signature on the child verifies and it passes the CA checks for its place;
 * a certificate already on the path is never taken again (cross-signed loops). The search is
 * bounded in depth and in signature checks, so a hostile chain cannot make it work forever.
 */
final class PathBuilder {

    /** Signature verifications one validation may spend (a few per certificate of a sane chain). */
    static final int MAX_SIGNATURE_CHECKS = 64;

    private final CertInfo[] anchors;
    private final CertInfo[] pool;
    private final int maxIntermediates;
    private final long now;
    private final Crls crls;
    private int signaturesLeft = MAX_SIGNATURE_CHECKS;
    /** The refusal from the deepest attempt: the most informative one when every path fails. */
    private CertificateRejected best;
    private int bestDepth = -1;

    PathBuilder(CertInfo[] anchors, CertInfo[] pool, int maxIntermediates, long now, Crls crls) {
        this.anchors = anchors;
        this.pool = pool;
        this.maxIntermediates = maxIntermediates;
        this.now = now;
        this.crls = crls;
    }

    /** The path leaf first, anchor last. */
    CertInfo[] build(CertInfo leaf) throws CertificateRejected {
        CertInfo[] path = new CertInfo[pool.length + 2];
        path[0] = leaf;
        int len = extend(path, 1);
        if (len > 0) {
            CertInfo[] out = new CertInfo[len];
            System.arraycopy(path, 0, out, 0, len);
            return out;
        }
        if (best != null) {
            throw best;
        }
        throw unknownIssuer(leaf);
    }

    private static CertificateRejected unknownIssuer(CertInfo cert) {
        return new CertificateRejected(Reason.UNKNOWN_ISSUER, "certificate chain does not lead to a trusted root: the issuer '"
                + CertInfo.labelOf(cert.issuer) + "' of '" + cert.label + "' is neither a trusted CA nor in the chain the server sent"
                + " (wrong --cafile, or the broker does not send its intermediate CA?)");
    }

    /** Returns the length of a complete path with path[0..len) fixed, or -1. */
    private int extend(CertInfo[] path, int len) {
        CertInfo child = path[len - 1];
        try {
            KeyPolicy.checkSignatureAlgorithm(child);
        } catch (CertificateRejected e) {
            record(e, 2 * len);
            return -1;
        }
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < anchors.length + pool.length; i++) {
                if (signaturesLeft <= 0) {
                    record(new CertificateRejected(Reason.TOO_COMPLEX, "gave up building a path after " + MAX_SIGNATURE_CHECKS
                            + " signature checks: the chain offers too many candidate issuers"), Integer.MAX_VALUE);
                    return -1;
                }
                boolean anchor = i < anchors.length;
                CertInfo cand = anchor ? anchors[i] : pool[i - anchors.length];
                if (!cand.subject.equals(child.issuer) || child.keyIdsDisagree(cand) != (pass == 1) || onPath(path, len, cand)) {
                    continue;
                }
                if (!anchor && !cand.selfIssued && countedIntermediates(path, len) >= maxIntermediates) {
                    record(new CertificateRejected(Reason.PATH_LENGTH, "the chain needs more than " + maxIntermediates
                            + " intermediate CAs to reach a trusted root"), 2 * len);
                    continue;
                }
                try {
                    accept(path, len, cand, anchor);
                } catch (CertificateRejected e) {
                    record(e, 2 * len);
                    continue;
                }
                path[len] = cand;
                if (anchor) {
                    return len + 1;
                }
                int done = extend(path, len + 1);
                if (done > 0) {
                    return done;
                }
            }
        }
        if (child.selfIssued && len > 1) {
            record(new CertificateRejected(Reason.UNKNOWN_ISSUER, "certificate chain does not lead to a trusted root: it ends at the root CA "
                    + child.subject + ", which is not among the trusted CAs (wrong --cafile?)"), 2 * len - 1);
        } else {
            record(unknownIssuer(child), 2 * len - 1);
        }
        return -1;
    }

    private void accept(CertInfo[] path, int len, CertInfo cand, boolean anchor) throws CertificateRejected {
        CertInfo child = path[len - 1];
        signaturesLeft--;
        if (!Signatures.verify(child.cert, cand.cert.getSubjectPublicKeyInfo())) {
            throw new CertificateRejected(Reason.BAD_SIGNATURE, "the signature on '" + child.label + "' does not verify with the key of "
                    + (anchor ? "the trusted CA '" : "'") + cand.label + "' (a different CA with the same name?)");
        }
        int below = 0;
        for (int i = 1; i < len; i++) {
            if (!path[i].selfIssued) {
                below++;
            }
        }
        CaChecks.issuer(cand, anchor ? "trusted root" : "intermediate CA", anchor, below, now);
        if (cand.nameConstraints != null) {
            for (int i = 0; i < len; i++) {
                // RFC 5280 6.1.3 (b): self-issued intermediates are exempt, the leaf never is.
                if (i == 0 || !path[i].selfIssued) {
                    NameConstraintCheck.check(cand, path[i], i == 0);
                }
            }
        }
        if (crls != null) {
            crls.check(child, cand, now);
        }
    }

    /** Intermediates on the path so far that count against the depth bound (self-issued ones do not). */
    private static int countedIntermediates(CertInfo[] path, int len) {
        int n = 0;
        for (int i = 1; i < len; i++) {
            if (!path[i].selfIssued) {
                n++;
            }
        }
        return n;
    }

    private static boolean onPath(CertInfo[] path, int len, CertInfo cand) {
        for (int i = 0; i < len; i++) {
            if (path[i].sameAs(cand) || path[i].subject.equals(cand.subject)
                    && path[i].cert.getSubjectPublicKeyInfo().equals(cand.cert.getSubjectPublicKeyInfo())) {
                return true;
            }
        }
        return false;
    }

    private void record(CertificateRejected e, int depth) {
        if (depth > bestDepth) {
            best = e;
            bestDepth = depth;
        }
    }
}
