//! The clients' randomness, from the operating system's source: idempotency
//! keys and the retry jitter.

/// A new idempotency key: a random UUID v4 (from the operating system's
/// random source), such as `"0f8fad5b-d9cb-469f-a165-70867728950e"`. Make
/// one per logical request and send it with every attempt of that request.
pub fn new_idempotency_key() -> String {
    let mut bytes = [0u8; 16];
    random_bytes(&mut bytes);
    bytes[6] = (bytes[6] & 0x0f) | 0x40; // version 4
    bytes[8] = (bytes[8] & 0x3f) | 0x80; // variant: RFC 4122
    let mut out = String::with_capacity(36);
    for (i, byte) in bytes.iter().enumerate() {
        if matches!(i, 4 | 6 | 8 | 10) {
            out.push('-');
        }
        out.push(char::from(b"0123456789abcdef"[usize::from(byte >> 4)]));
        out.push(char::from(b"0123456789abcdef"[usize::from(byte & 0xf)]));
    }
    out
}

/// Fills `bytes` from the operating system's random source.
fn random_bytes(bytes: &mut [u8]) {
    // The OS's source failing is not something a caller can act on; a
    // request without its key would be worse than a stop.
    getrandom::fill(bytes).expect("the operating system's random source");
}

/// A random value in `[0, 1)` from the operating system's random source:
/// the clients' default jitter.
#[cfg(any(feature = "blocking-http", feature = "async-http"))]
pub(crate) fn random_jitter() -> f64 {
    let mut bytes = [0u8; 8];
    random_bytes(&mut bytes);
    // The top 53 bits: every value an f64 in [0, 1) spaced 2^-53 holds.
    (u64::from_le_bytes(bytes) >> 11) as f64 / (1u64 << 53) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn idempotency_keys_are_random_uuid_v4s() {
        let a = new_idempotency_key();
        let b = new_idempotency_key();
        assert_ne!(a, b);
        assert_eq!(a.len(), 36);
        let groups: Vec<usize> = a.split('-').map(str::len).collect();
        assert_eq!(groups, [8, 4, 4, 4, 12]);
        assert_eq!(&a[14..15], "4");
        assert!(matches!(&a[19..20], "8" | "9" | "a" | "b"), "{a}");
        assert!(a
            .bytes()
            .all(|c| c == b'-' || c.is_ascii_hexdigit() && !c.is_ascii_uppercase()));
    }

    #[test]
    #[cfg(any(feature = "blocking-http", feature = "async-http"))]
    fn jitter_is_in_the_unit_interval() {
        for _ in 0..100 {
            let j = random_jitter();
            assert!((0.0..1.0).contains(&j), "{j}");
        }
    }
}
