//! The properties of the webhook targets (`webhook_targets/`): the
//! `Stripe-Signature` parser and the whole check never panic, a body
//! signed with `sign` always verifies, and no one-byte change of it ever
//! does.

use stripe_identity::Event;
use stripe_webhook::{sign, SignatureHeader, Webhook, WebhookError, MAX_HEADER_LEN};

const SECRET: &str = "whsec_fuzz";

/// Any header: parsed or refused, never a panic, and what parses is
/// consistent with the text.
pub fn header(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(header) = SignatureHeader::parse(text) {
        assert!(text.len() <= MAX_HEADER_LEN);
        assert!(text.contains("t="));
        // Each signature took `v1=` and 64 hex digits of the text.
        assert!(header.signatures().len() * 67 <= text.len());
    }
    let hook = Webhook::new(SECRET).unwrap().at(0);
    let _ = hook.verify(Some(text), b"{}");
}

/// Any header and body into `construct_event`; then the body signed,
/// which must verify, and changed in one byte, which must not.
///
/// `data` is the clock (8 bytes, little-endian), which byte to change
/// (2 bytes) and how (1 byte, 0 for none), the header up to a newline,
/// then the body: a seed is easy to write by hand (README.md).
pub fn construct_event(data: &[u8]) {
    let Some((fixed, rest)) = data.split_at_checked(11) else {
        return;
    };
    let timestamp = i64::from_le_bytes(fixed[..8].try_into().unwrap());
    let position = u16::from_le_bytes([fixed[8], fixed[9]]);
    let flip = fixed[10];
    let (header, body) = match rest.iter().position(|&b| b == b'\n') {
        Some(end) => (&rest[..end], &rest[end + 1..]),
        None => (rest, &[][..]),
    };
    let Ok(header) = std::str::from_utf8(header) else {
        return;
    };
    let hook = Webhook::new(SECRET).unwrap().at(timestamp);
    let _ = hook.construct_event::<Event>(Some(header), body);

    let signed = sign(SECRET, timestamp, body);
    assert_eq!(hook.verify(Some(&signed), body), Ok(()));
    match hook.construct_event::<Event>(Some(&signed), body) {
        Ok(_) | Err(WebhookError::NotAnEvent { .. }) => {}
        Err(e) => panic!("a signed body failed: {e}"),
    }
    if body.is_empty() || flip == 0 {
        return;
    }
    let mut changed = body.to_vec();
    changed[usize::from(position) % body.len()] ^= flip;
    assert_eq!(
        hook.verify(Some(&signed), &changed),
        Err(WebhookError::NoMatch { signatures: 1 })
    );
}
