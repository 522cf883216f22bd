use super::*;

#[derive(Debug, PartialEq)]
struct Pair {
    a: String,
    b: Option<i64>,
}

impl Placeholder for Pair {
    fn placeholder() -> Self {
        Pair {
            a: String::placeholder(),
            b: None,
        }
    }
}

impl<'de> Fields<'de> for Pair {
    const NAME: &'static str = "Pair";
    const FIELDS: &'static [&'static str] = &["a", "b", "object"];
    const REQUIRED: &'static [bool] = &[true];

    fn set<A: MapAccess<'de>>(&mut self, field: usize, map: &mut A) -> Result<(), A::Error> {
        match field {
            0 => self.a = map.next_value()?,
            1 => self.b = Some(map.next_value()?),
            _ => map.next_value_seed(ExpectTag("pair"))?,
        }
        Ok(())
    }
}

impl<'de> serde::Deserialize<'de> for Pair {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        deserialize_object::<D, Pair>(d)
    }
}

#[test]
fn builds_from_known_fields_and_skips_unknown_ones() {
    let p: Pair =
        serde_json::from_str(r#"{"x":[1,{"y":2}],"a":"s","object":"pair","b":3}"#).unwrap();
    assert_eq!(
        p,
        Pair {
            a: "s".into(),
            b: Some(3)
        }
    );
}

#[test]
fn reports_missing_fields_wrong_tags_and_wrong_shapes() {
    let err = serde_json::from_str::<Pair>(r#"{"b":3}"#).unwrap_err();
    assert!(err.to_string().starts_with("missing field `a`"), "{err}");
    let err = serde_json::from_str::<Pair>(r#"{"a":"s","object":"card"}"#).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("invalid value: string \"card\", expected the string \"pair\""),
        "{err}"
    );
    let err = serde_json::from_str::<Pair>("[1]").unwrap_err();
    assert!(
        err.to_string()
            .starts_with("invalid type: sequence, expected a `Pair` object"),
        "{err}"
    );
}

/// A struct of 130 keys, two of them required: one in the first 128
/// (checked with a mask), one past them.
#[derive(Debug, Default, PartialEq)]
struct Wide {
    values: Vec<(usize, i64)>,
}

const WIDE_KEYS: [&str; 130] = [
    "k0", "k1", "k2", "k3", "k4", "k5", "k6", "k7", "k8", "k9", "k10", "k11", "k12", "k13", "k14",
    "k15", "k16", "k17", "k18", "k19", "k20", "k21", "k22", "k23", "k24", "k25", "k26", "k27",
    "k28", "k29", "k30", "k31", "k32", "k33", "k34", "k35", "k36", "k37", "k38", "k39", "k40",
    "k41", "k42", "k43", "k44", "k45", "k46", "k47", "k48", "k49", "k50", "k51", "k52", "k53",
    "k54", "k55", "k56", "k57", "k58", "k59", "k60", "k61", "k62", "k63", "k64", "k65", "k66",
    "k67", "k68", "k69", "k70", "k71", "k72", "k73", "k74", "k75", "k76", "k77", "k78", "k79",
    "k80", "k81", "k82", "k83", "k84", "k85", "k86", "k87", "k88", "k89", "k90", "k91", "k92",
    "k93", "k94", "k95", "k96", "k97", "k98", "k99", "k100", "k101", "k102", "k103", "k104",
    "k105", "k106", "k107", "k108", "k109", "k110", "k111", "k112", "k113", "k114", "k115", "k116",
    "k117", "k118", "k119", "k120", "k121", "k122", "k123", "k124", "k125", "k126", "k127", "k128",
    "k129",
];

impl Placeholder for Wide {
    fn placeholder() -> Self {
        Wide::default()
    }
}

impl<'de> Fields<'de> for Wide {
    const NAME: &'static str = "Wide";
    const FIELDS: &'static [&'static str] = &WIDE_KEYS;
    const REQUIRED: &'static [bool] = &{
        let mut required = [false; 130];
        required[3] = true;
        required[129] = true;
        required
    };

    fn set<A: MapAccess<'de>>(&mut self, field: usize, map: &mut A) -> Result<(), A::Error> {
        self.values.push((field, map.next_value()?));
        Ok(())
    }
}

impl<'de> serde::Deserialize<'de> for Wide {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        deserialize_object::<D, Wide>(d)
    }
}

#[test]
fn required_keys_past_the_first_128_are_checked() {
    let w: Wide = serde_json::from_str(r#"{"k3":1,"k128":2,"k129":3}"#).unwrap();
    assert_eq!(w.values, [(3, 1), (128, 2), (129, 3)]);
    let e = serde_json::from_str::<Wide>(r#"{"k3":1,"k128":2}"#).unwrap_err();
    assert!(e.to_string().starts_with("missing field `k129`"), "{e}");
    let e = serde_json::from_str::<Wide>(r#"{"k129":3}"#).unwrap_err();
    assert!(e.to_string().starts_with("missing field `k3`"), "{e}");
}

/// A struct holding `Pair`s in every kind of slot, filled in place.
#[derive(Debug, PartialEq)]
struct Outer {
    plain: Pair,
    or_null: Option<Pair>,
    optional: Option<Pair>,
    nullable: crate::Nullable<Pair>,
}

impl Placeholder for Outer {
    fn placeholder() -> Self {
        Outer {
            plain: Pair::placeholder(),
            or_null: None,
            optional: None,
            nullable: crate::Nullable::Absent,
        }
    }
}

impl<'de> Fields<'de> for Outer {
    const NAME: &'static str = "Outer";
    const FIELDS: &'static [&'static str] = &["plain", "or_null", "optional", "nullable"];
    const REQUIRED: &'static [bool] = &[true, true];

    fn set<A: MapAccess<'de>>(&mut self, field: usize, map: &mut A) -> Result<(), A::Error> {
        match field {
            0 => read_in_place(&mut self.plain, map),
            1 => read_in_place(&mut self.or_null, map),
            2 => read_in_place(NotNull(&mut self.optional), map),
            _ => read_in_place(&mut self.nullable, map),
        }
    }
}

impl<'de> serde::Deserialize<'de> for Outer {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        deserialize_object::<D, Outer>(d)
    }
}

#[test]
fn nested_structs_are_filled_where_they_stand() {
    let pair = |a: &str, b| Pair { a: a.into(), b };
    let o: Outer = serde_json::from_str(
        r#"{"plain":{"a":"p","b":1},"or_null":null,"optional":{"a":"o"},"nullable":null}"#,
    )
    .unwrap();
    assert_eq!(
        o,
        Outer {
            plain: pair("p", Some(1)),
            or_null: None,
            optional: Some(pair("o", None)),
            nullable: crate::Nullable::Null,
        }
    );
    // A repeated key starts over: nothing of the first object stays.
    let o: Outer = serde_json::from_str(
        r#"{"plain":{"a":"x","b":1},"or_null":{"a":"y"},"plain":{"a":"z"},"nullable":{"a":"n"}}"#,
    )
    .unwrap();
    assert_eq!(o.plain, pair("z", None));
    assert_eq!(o.or_null, Some(pair("y", None)));
    assert_eq!(o.nullable, crate::Nullable::Value(pair("n", None)));
    // `null` where the slot takes none, a missing key inside and outside.
    let e = serde_json::from_str::<Outer>(r#"{"plain":{"a":"p"},"or_null":null,"optional":null}"#)
        .unwrap_err();
    assert!(
        e.to_string()
            .starts_with("invalid type: null, expected a `Pair` object"),
        "{e}"
    );
    let e = serde_json::from_str::<Outer>(r#"{"plain":{"b":1},"or_null":null}"#).unwrap_err();
    assert!(
        e.to_string()
            .starts_with("missing field `a` at line 1 column 16"),
        "{e}"
    );
    let e = serde_json::from_str::<Outer>(r#"{"plain":{"a":"p"}}"#).unwrap_err();
    assert!(e.to_string().starts_with("missing field `or_null`"), "{e}");
}

#[derive(Debug, PartialEq)]
enum Color {
    Red,
    Unknown(String),
}

impl From<&str> for Color {
    fn from(s: &str) -> Self {
        match s {
            "red" => Color::Red,
            other => Color::Unknown(other.to_owned()),
        }
    }
}

#[test]
fn string_enums_keep_unknown_strings_and_reject_other_types() {
    let d =
        |s: &str| deserialize_string_enum::<_, Color>(&mut serde_json::Deserializer::from_str(s));
    assert_eq!(d("\"red\"").unwrap(), Color::Red);
    assert_eq!(d("\"blue\"").unwrap(), Color::Unknown("blue".into()));
    let err = d("7").unwrap_err().to_string();
    assert!(
        err.starts_with("invalid type: integer `7`, expected a `Color` string"),
        "{err}"
    );
}

#[derive(Debug, PartialEq, serde::Deserialize)]
struct Full {
    id: String,
    email: Option<String>,
}

#[derive(Debug, PartialEq, serde::Deserialize)]
struct Deleted {
    id: String,
    deleted: bool,
}

#[derive(Debug, PartialEq)]
enum Either {
    Full(Full),
    Deleted(Deleted),
}

impl UntaggedUnion for Either {
    const NAME: &'static str = "Either";
    const MEMBERS: &'static [&'static str] = &["Full", "Deleted"];
    const FIELDS: &'static [&'static [&'static str]] =
        &[&["id", "object", "email"], &["id", "object", "deleted"]];

    fn variant<'de, D: Deserializer<'de>>(index: usize, d: D) -> Result<Self, D::Error> {
        use serde::Deserialize;
        Ok(match index {
            0 => Either::Full(Full::deserialize(d)?),
            _ => Either::Deleted(Deleted::deserialize(d)?),
        })
    }
}

impl<'de> serde::Deserialize<'de> for Either {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        deserialize_untagged(d)
    }
}

#[test]
fn untagged_unions_pick_the_member_that_knows_the_keys() {
    let e: Either =
        serde_json::from_str(r#"{"id":"cus_1","object":"customer","deleted":true}"#).unwrap();
    assert_eq!(
        e,
        Either::Deleted(Deleted {
            id: "cus_1".into(),
            deleted: true
        })
    );
    let e: Either =
        serde_json::from_str(r#"{"id":"cus_1","object":"customer","email":"a@b"}"#).unwrap();
    assert!(matches!(e, Either::Full(f) if f.email.as_deref() == Some("a@b")));
    // Equally good: the first member that accepts it.
    let e: Either = serde_json::from_str(r#"{"id":"cus_1","object":"customer"}"#).unwrap();
    assert!(matches!(e, Either::Full(_)));
    // A member that does not accept it is passed over, even if it fits
    // the keys best.
    let e: Either = serde_json::from_str(r#"{"id":"cus_1","deleted":"yes"}"#).unwrap();
    assert!(matches!(e, Either::Full(_)));
}

#[test]
fn untagged_unions_say_why_no_member_fits() {
    let err = serde_json::from_str::<Either>(r#"{"email":"a@b"}"#)
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("no member of `Either` accepts this object (Full: missing field `id`; Deleted: missing field `id`)"),
        "{err}"
    );
    let err = serde_json::from_str::<Either>("[1]")
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with(
            "invalid type: sequence, expected a `Either` object (one of: Full, Deleted)"
        ),
        "{err}"
    );
}
