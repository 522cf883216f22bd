//! Runs inside the crate generated from the hostile spec of
//! `codegen/core/tests/hostile_specs.rs` (copied there by that test): every
//! odd name must round-trip as the spec wrote it, through serde and
//! through the types' own JSON reader and writer (the `json` feature),
//! which must agree.

use hostile_names::{
    Crate, FooBar, FooBar2, FooBar3, FooBar4, Holder, HolderEither, HostileEnum, Names, Option2,
    ResA, Secrets, Self2, Self2Inner, Self2InnerDeeper, Self_, StandIn, String2, Unnamed, E2,
};
use hostile_names::Chain;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};

fn round_trip<T>(value: Value) -> T
where
    T: Serialize + DeserializeOwned + stripe_types::__private::json::FromJson + stripe_types::__private::json::ToJson,
{
    let typed: T = serde_json::from_value(value.clone()).expect("deserializes");
    assert_eq!(serde_json::to_value(&typed).unwrap(), value, "round trip");
    let text = value.to_string();
    let ours: T = stripe_types::__private::json::from_str(&text).expect("the JSON reader reads it");
    assert_eq!(
        stripe_types::__private::json::to_string(&ours),
        serde_json::to_string(&typed).unwrap(),
        "the JSON reader and writer agree with serde"
    );
    typed
}

#[test]
fn property_names_round_trip_as_the_spec_wrote_them() {
    let names: Names = round_trip(json!({
        "": "empty", "1": "one", "3ds": "3ds", "FOO_BAR": true, "Self": "Self", "_": "underscore",
        "a\"quote\\": "quote", "café": "café", "crate": "crate", "foo bar": "space",
        "foo-bar": "dash", "foo.bar": "dot", "fooBar": 7, "foo_bar": "snake", "kind": "",
        "match": "match", "object": "not a tag", "r#type": "raw", "self": "self", "super": "super",
        "type": "type", "名前": "name", "✓": "check"
    }));
    assert_eq!(names.field.as_deref(), Some("empty"));
    assert_eq!(names.n1.as_deref(), Some("one"));
    assert_eq!(names.foo_bar, Some(true));
    assert_eq!(names.self_.as_deref(), Some("Self"));
    assert_eq!(names.self_2.as_deref(), Some("self"));
    assert_eq!(names.foo_bar_3, "dash");
    assert_eq!(names.foo_bar_5, Some(7));
    assert_eq!(names.type_, "type");
    assert_eq!(names.a_quote.as_deref(), Some("quote"));
    assert_eq!(names.field3.as_deref(), Some("check"));
    assert_eq!(names.field4.as_deref(), Some("name"));
    assert_eq!(names.kind, Some(HostileEnum::Empty));
    // Only the required fields.
    let minimal: Names = round_trip(json!({"foo-bar": "d", "type": "t"}));
    assert_eq!(minimal.field, None);
}

const VALUES: &[&str] = &[
    "foo_bar",
    "foo-bar",
    "FooBar",
    "fooBar",
    "",
    "Empty",
    "empty",
    "unknown",
    "Unknown",
    "UNKNOWN",
    "self",
    "Self",
    "type",
    "3d",
    "名前",
    "✓",
    "a\"b\\c",
    "line\nbreak",
    "\n\n    panic!()",
    "*/ */",
    "`",
    "<script>alert(5)</script>",
    "a\u{202e}b",
];

#[test]
fn enum_values_that_collide_or_are_empty_stay_apart_and_round_trip() {
    let mut variants = Vec::new();
    for value in VALUES {
        let parsed = HostileEnum::from(*value);
        assert!(
            !matches!(parsed, HostileEnum::UnknownValue(_)),
            "{value:?} is a known value"
        );
        assert_eq!(parsed.as_str(), *value);
        assert_eq!(parsed.to_string(), *value);
        let back: HostileEnum = round_trip(json!(value));
        assert_eq!(back, parsed);
        variants.push(format!("{parsed:?}"));
    }
    variants.sort();
    variants.dedup();
    assert_eq!(variants.len(), VALUES.len(), "one variant per value");
    // Values the spec does not list are kept, whatever they look like.
    let other: HostileEnum = round_trip(json!("UnKnOwN"));
    assert_eq!(other, HostileEnum::UnknownValue("UnKnOwN".into()));
}

#[test]
fn colliding_and_reserved_schema_names_are_separate_types() {
    let v = || json!({"v": "x"});
    let a: FooBar = round_trip(v());
    let b: FooBar2 = round_trip(v());
    let c: FooBar3 = round_trip(v());
    let d: FooBar4 = round_trip(v());
    assert_eq!(
        [a.v, b.v, c.v, d.v],
        [
            Some("x".to_string()),
            Some("x".into()),
            Some("x".into()),
            Some("x".into())
        ]
    );
    let _: String2 = round_trip(v());
    let _: Option2 = round_trip(v());
    let _: E2 = round_trip(v());
    let _: Crate = round_trip(v());
    let _: Self_ = round_trip(v());
    let _: Unnamed = round_trip(v());
    let nested: Self2 = round_trip(json!({"inner": {"deeper": {"x": "y"}}}));
    assert_eq!(
        nested.inner,
        Some(Self2Inner {
            deeper: Some(Self2InnerDeeper {
                x: Some("y".into()),
                ..Default::default()
            }),
            ..Default::default()
        })
    );
}

#[test]
fn union_tags_with_odd_values_pick_their_member() {
    let holder: Holder = round_trip(json!({"either": {"object": "a*/\n\n    panic!()", "v": "1"}}));
    assert!(
        matches!(holder.either, Some(HolderEither::ResA(ref a)) if a.v.as_deref() == Some("1"))
    );
    let holder: Holder =
        round_trip(json!({"either": {"w": "2", "object": "<script>alert(4)</script>"}}));
    assert!(matches!(holder.either, Some(HolderEither::ResB(_))));
    let a: ResA = serde_json::from_value(json!({"object": "a*/\n\n    panic!()"})).unwrap();
    assert_eq!(a.v, None);
    assert!(serde_json::from_value::<ResA>(json!({"object": "b"})).is_err());
}

#[test]
fn debug_hides_what_the_wording_or_the_list_marks_secret() {
    let secrets: Secrets = round_trip(json!({
        "by_wording": "wording-secret",
        "by_wording_required": "required-secret",
        "by_list": "list-secret",
        "plain": "shown"
    }));
    for debug in [format!("{secrets:?}"), format!("{secrets:#?}")] {
        assert!(!debug.contains("wording-secret"), "{debug}");
        assert!(!debug.contains("required-secret"), "{debug}");
        assert!(!debug.contains("list-secret"), "{debug}");
        assert!(debug.contains("shown"), "{debug}");
    }
    assert_eq!(
        format!("{secrets:?}"),
        "Secrets { by_list: Some([redacted]), by_wording: Value([redacted]), \
         by_wording_required: [redacted], plain: Some(\"shown\"), unknown_fields: UnknownFields([]) }"
    );
    // Absent and null stay visible as such: only values are hidden.
    let empty: Secrets = round_trip(json!({"by_wording": null, "by_wording_required": "s"}));
    assert_eq!(
        format!("{empty:?}"),
        "Secrets { by_list: None, by_wording: Null, by_wording_required: [redacted], plain: None, unknown_fields: UnknownFields([]) }"
    );
}

#[test]
fn a_required_union_that_leads_back_to_itself_is_filled_in_place() {
    let deep = json!({"chain": {"next": {"next": {"end": true}}}});
    let read: StandIn = round_trip(deep);
    let Chain::ChainLink(link) = &read.chain else {
        panic!("{read:?}")
    };
    assert!(matches!(&link.next, Chain::ChainLink(_)));
    // The union's stand-in (its second member) never shows: a payload
    // without the key is refused.
    let err = serde_json::from_value::<StandIn>(json!({})).unwrap_err();
    assert!(err.to_string().contains("missing field `chain`"), "{err}");
    let err = serde_json::from_value::<StandIn>(json!({"chain": {"next": {}}})).unwrap_err();
    assert!(err.to_string().contains("no member of `Chain`"), "{err}");
    for text in ["{}", r#"{"chain":{"next":{}}}"#] {
        assert!(stripe_types::__private::json::from_str::<StandIn>(text).is_err(), "{text}");
    }
}
