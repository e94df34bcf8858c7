package dlmath.check;

import java.io.ByteArrayOutputStream;
import java.util.Base64;

/**
 * The replay string of a counterexample: its shrunk choice stream, unsigned LEB128 varints in
 * unpadded base64url, prefixed with 8 hex digits of the property's key ({@code class#method#n})
 * so that only that property replays it: {@code 5f0e33c1:AgIBAP__Aw}. Passed back as
 * {@code -Ddlmath.replay=<string>} (with the failure database off), it reruns exactly that example,
 * on any machine, under any seed (Hypothesis's {@code @reproduce_failure}).
 */
final class Replay {

    private Replay() {
    }

    static String keyHash(String key) {
        return String.format("%08x", Runner.mix(0x5EED, key) & 0xFFFF_FFFFL);
    }

    static String encode(String key, long[] choices) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (long c : choices) {
            long v = c;
            while ((v & ~0x7FL) != 0) {
                out.write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            out.write((int) v);
        }
        return keyHash(key) + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(out.toByteArray());
    }

    /** The choices of {@code replay} if it belongs to the property {@code key}, else null. */
    static long[] decode(String key, String replay) {
        int colon = replay.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("dlmath.replay must look like 1a2b3c4d:AgIB..., was '" + replay + "'");
        }
        if (!replay.substring(0, colon).equals(keyHash(key))) {
            return null;
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(replay.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("dlmath.replay: '" + replay + "' is not base64url: " + e.getMessage(), e);
        }
        long[] out = new long[bytes.length];
        int n = 0;
        long v = 0;
        int shift = 0;
        for (byte b : bytes) {
            v |= (long) (b & 0x7F) << shift;
            shift += 7;
            if ((b & 0x80) == 0) {
                out[n++] = v;
                v = 0;
                shift = 0;
            } else if (shift > 63) {
                throw new IllegalArgumentException("dlmath.replay: '" + replay + "' has a malformed choice");
            }
        }
        if (shift != 0) {
            throw new IllegalArgumentException("dlmath.replay: '" + replay + "' ends inside a choice");
        }
        return java.util.Arrays.copyOf(out, n);
    }
}
