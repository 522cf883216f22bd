use super::*;

const SECRET: &str = "whsec_test_secret";
const T: i64 = 1_700_000_000;
const BODY: &[u8] = b"{\n  \"id\": \"evt_test_webhook\",\n  \"object\": \"event\"\n}";
/// stripe-node 23.2.0's `generateTestHeaderString` for `BODY`, `SECRET`
/// and `T` (the payload of its own tests, pretty-printed as they write it).
const NODE_HEADER: &str =
    "t=1700000000,v1=4f1cd7feda9826e746b7d482c4badebb657398df1099e1046364f6196a230150";
const NODE_SIGNATURE: &str = "4f1cd7feda9826e746b7d482c4badebb657398df1099e1046364f6196a230150";

fn hook() -> Webhook {
    Webhook::new(SECRET).unwrap().at(T)
}

fn parse(header: &str) -> Result<SignatureHeader, HeaderError> {
    SignatureHeader::parse(header)
}

#[test]
fn sign_matches_stripe_node() {
    assert_eq!(sign(SECRET, T, BODY), NODE_HEADER);
    // An empty body, as stripe-node signs it.
    assert_eq!(
        sign(SECRET, T, b""),
        "t=1700000000,v1=316b9ab98c15bfa039d243f3196acee619cf29749a91a634e6a8154e2f7b6727"
    );
}

#[test]
fn a_signed_body_verifies() {
    assert_eq!(hook().verify(Some(NODE_HEADER), BODY), Ok(()));
}

#[test]
fn header_items_are_read() {
    let header = parse(&format!(
        "t=5,v1={NODE_SIGNATURE},v0={NODE_SIGNATURE},v1={}",
        "0".repeat(64)
    ))
    .unwrap();
    assert_eq!(header.timestamp(), 5);
    assert_eq!(header.signatures().len(), 2);
    assert_eq!(header.signatures()[0][..2], [0x4f, 0x1c]);
    assert_eq!(header.signatures()[1], [0; 32]);
}

#[test]
fn unknown_items_and_empty_items_are_skipped() {
    let header = parse(&format!(
        ",t=5,,v2=xyz,garbage,T=9,V1=zz,v1={NODE_SIGNATURE},"
    ))
    .unwrap();
    assert_eq!(header.timestamp(), 5);
    assert_eq!(header.signatures().len(), 1);
}

#[test]
fn whitespace_around_items_is_allowed() {
    let header = parse(&format!(" t=5 ,\tv1={NODE_SIGNATURE}\t, v0=abc ")).unwrap();
    assert_eq!(header.timestamp(), 5);
    assert_eq!(header.signatures().len(), 1);
    // Not inside an item: `t =5` has the key `t `.
    assert_eq!(parse("t =5"), Err(HeaderError::NoTimestamp));
    assert_eq!(parse("t= 5"), Err(HeaderError::BadTimestamp));
}

#[test]
fn the_timestamp_must_be_there_once() {
    assert_eq!(
        parse(&format!("v1={NODE_SIGNATURE}")),
        Err(HeaderError::NoTimestamp)
    );
    assert_eq!(parse("t=1,t=1"), Err(HeaderError::DuplicateTimestamp));
    assert_eq!(parse("t=1, t=2"), Err(HeaderError::DuplicateTimestamp));
}

#[test]
fn the_timestamp_is_whole_seconds() {
    for bad in [
        "t=",
        "t",
        "t=-",
        "t=--5",
        "t=- 5",
        "t=+5",
        "t=1.5",
        "t=1e9",
        "t=abc",
        "t=١٢",
        "t=9223372036854775808",
    ] {
        assert_eq!(parse(bad), Err(HeaderError::BadTimestamp), "{bad}");
    }
    assert_eq!(
        parse("t=9223372036854775807").unwrap().timestamp(),
        i64::MAX
    );
    assert_eq!(
        parse("t=-9223372036854775808").unwrap().timestamp(),
        i64::MIN
    );
    assert_eq!(parse("t=-5").unwrap().timestamp(), -5);
    assert_eq!(parse("t=0").unwrap().timestamp(), 0);
    assert_eq!(parse("t=007").unwrap().timestamp(), 7);
}

#[test]
fn signatures_are_64_hex_digits() {
    assert_eq!(
        parse("t=1,v1="),
        Err(HeaderError::SignatureLength { index: 1, len: 0 })
    );
    assert_eq!(
        parse("t=1,v1"),
        Err(HeaderError::SignatureLength { index: 1, len: 0 })
    );
    assert_eq!(
        parse(&format!("t=1,v1={NODE_SIGNATURE},v1=abcd")),
        Err(HeaderError::SignatureLength { index: 2, len: 4 })
    );
    assert_eq!(
        parse(&format!("t=1,v1={NODE_SIGNATURE}0")),
        Err(HeaderError::SignatureLength { index: 1, len: 65 })
    );
    assert_eq!(
        parse(&format!("t=1,v1={}", "g".repeat(64))),
        Err(HeaderError::SignatureNotHex { index: 1 })
    );
    // Multi-byte characters count in bytes and are no hex digits.
    assert_eq!(
        parse(&format!("t=1,v1={}", "é".repeat(32))),
        Err(HeaderError::SignatureNotHex { index: 1 })
    );
    let upper = parse(&format!("t=1,v1={}", NODE_SIGNATURE.to_uppercase())).unwrap();
    assert_eq!(
        upper.signatures(),
        parse(&format!("t=1,v1={NODE_SIGNATURE}"))
            .unwrap()
            .signatures()
    );
}

#[test]
fn a_long_header_is_refused_before_it_is_read() {
    let long = format!("t=1,{}", "v0=x,".repeat(MAX_HEADER_LEN));
    assert_eq!(
        parse(&long),
        Err(HeaderError::TooLong {
            len: long.len(),
            max: MAX_HEADER_LEN
        })
    );
    // Up to the limit is read: as many signatures as fit, all compared.
    let mut full = format!("t={T}");
    while full.len() + 68 <= MAX_HEADER_LEN {
        full.push_str(",v1=");
        full.push_str(NODE_SIGNATURE);
    }
    assert_eq!(parse(&full).unwrap().signatures().len(), 120);
    assert_eq!(hook().verify(Some(&full), BODY), Ok(()));
    assert_eq!(
        hook().verify(Some(&full), b"{}"),
        Err(WebhookError::NoMatch { signatures: 120 })
    );
}

#[test]
fn the_secret_is_checked_and_never_shown() {
    assert_eq!(Webhook::new("").unwrap_err(), InvalidSecret::Empty);
    assert_eq!(
        Webhook::new("whsec_abc\n").unwrap_err(),
        InvalidSecret::SurroundingWhitespace
    );
    assert_eq!(
        Webhook::new(" ").unwrap_err(),
        InvalidSecret::SurroundingWhitespace
    );
    let debug = format!("{:?}", hook());
    assert!(
        !debug.contains("whsec") && !debug.contains("test_secret"),
        "{debug}"
    );
    assert!(debug.contains("[redacted]"), "{debug}");
}

#[test]
fn the_clock_can_be_set() {
    fn later() -> i64 {
        T + 301
    }
    let hook = Webhook::new(SECRET).unwrap().with_clock(later);
    assert_eq!(
        hook.verify(Some(NODE_HEADER), BODY),
        Err(WebhookError::TimestampOutsideTolerance {
            age: 301,
            tolerance: 300
        })
    );
    // The system clock is far past 2023.
    let now = Webhook::new(SECRET).unwrap();
    assert!(matches!(
        now.verify(Some(NODE_HEADER), BODY),
        Err(WebhookError::TimestampOutsideTolerance { age, .. }) if age > 300
    ));
    assert!(system_now_is_sane());
}

fn system_now_is_sane() -> bool {
    let header = sign(SECRET, 0, b"");
    // Signed at the epoch: the age is the system clock's reading.
    match Webhook::new(SECRET).unwrap().verify(Some(&header), b"") {
        Err(WebhookError::TimestampOutsideTolerance { age, .. }) => age > 1_700_000_000,
        _ => false,
    }
}

#[test]
fn age_saturates_at_the_extremes() {
    let header = sign(SECRET, i64::MAX, BODY);
    let hook = Webhook::new(SECRET).unwrap().at(i64::MIN);
    // Far in the future: accepted, as by Stripe's libraries.
    assert_eq!(hook.verify(Some(&header), BODY), Ok(()));
    let header = sign(SECRET, 0, BODY);
    let hook = Webhook::new(SECRET)
        .unwrap()
        .at(i64::MAX)
        .tolerance(u64::MAX);
    assert_eq!(hook.verify(Some(&header), BODY), Ok(()));
}

#[test]
fn errors_say_what_failed() {
    let cases = [
        (WebhookError::MissingHeader, "no Stripe-Signature header"),
        (
            WebhookError::MalformedHeader(HeaderError::SignatureNotHex { index: 2 }),
            "malformed Stripe-Signature header: `v1` signature 2 is not hex",
        ),
        (
            WebhookError::TimestampOutsideTolerance {
                age: 301,
                tolerance: 300,
            },
            "the signature is 301 s old, more than the tolerance of 300 s",
        ),
        (
            WebhookError::ApiVersionMismatch {
                event: Some("2024-06-20".into()),
                types: "2026-07-29.dahlia",
            },
            "the event is in API version 2024-06-20, the types are for 2026-07-29.dahlia",
        ),
        (
            WebhookError::ApiVersionMismatch {
                event: None,
                types: "2026-07-29.dahlia",
            },
            "the event does not say its API version; the types are for 2026-07-29.dahlia",
        ),
    ];
    for (error, text) in cases {
        assert_eq!(error.to_string(), text);
    }
    let malformed = WebhookError::from(HeaderError::NoTimestamp);
    assert!(std::error::Error::source(&malformed).is_some());
}

/// Found by the `webhook_construct_event` fuzz target: `sign` wrote
/// `t=-5` for a timestamp before 1970, which the parser then refused.
#[test]
fn every_timestamp_sign_writes_verifies() {
    for t in [i64::MIN, -5, -1, 0, 1, T, i64::MAX] {
        let header = sign(SECRET, t, BODY);
        let hook = Webhook::new(SECRET).unwrap().at(t);
        assert_eq!(hook.verify(Some(&header), BODY), Ok(()), "{header}");
    }
}
