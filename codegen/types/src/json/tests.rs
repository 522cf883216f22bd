use super::*;
use crate::de::{deserialize_object, deserialize_untagged, ExpectTag, Placeholder};
use serde::de::{Deserializer, MapAccess};
use serde::Deserialize;
use std::fmt::Debug;

/// Both readers on `text`: both accept it with equal values, or both
/// refuse it. Returns our error, if any.
fn agree<T>(text: &str) -> Option<Error>
where
    T: FromJson + for<'de> Deserialize<'de> + PartialEq + Debug,
{
    let ours = from_str::<T>(text);
    let serde = serde_json::from_str::<T>(text);
    match (ours, serde) {
        (Ok(a), Ok(b)) => {
            assert_eq!(a, b, "different values for {text:?}");
            None
        }
        (Err(a), Err(_)) => Some(a),
        (a, b) => panic!("disagree on {text:?}: ours {a:?}, serde {b:?}"),
    }
}

/// Both refuse, and ours says `message` (its start).
fn refused<T>(text: &str, message: &str)
where
    T: FromJson + for<'de> Deserialize<'de> + PartialEq + Debug,
{
    let e = agree::<T>(text).unwrap_or_else(|| panic!("accepted {text:?}"));
    assert!(e.to_string().starts_with(message), "{e} for {text:?}");
}

#[test]
fn scalars_read_as_serde_json_reads_them() {
    for text in [
        "\"\"",
        "\"abc\"",
        " \"a\\\"b\\\\c\\/\\b\\f\\n\\r\\t\" ",
        "\"\\u00e9\\ud83d\\ude00x\"",
        "\"é😀\"",
        "\"12345678901234567890 long enough for words\"",
        "\"a\\u0000b\"",
        "\"\\ud800\"",
        "\"\\udc00\"",
        "\"\\ud800\\u0041\"",
        "\"\\q\"",
        "\"\\u12\"",
        "\"abc",
        "\"a\u{1}b\"",
        "\"a\tb\"",
        "7",
        "null",
        "[]",
        "{}",
        "\"a\" x",
        "",
    ] {
        agree::<String>(text);
    }
    for text in [
        "0",
        "-0",
        "7",
        "-7",
        "9223372036854775807",
        "-9223372036854775808",
        "9223372036854775808",
        "-9223372036854775809",
        "18446744073709551616",
        "1.5",
        "1e3",
        "1E+2",
        "01",
        "-",
        "1.",
        "1.e5",
        "1e",
        ".5",
        "+1",
        "1e400",
        "\"1\"",
        "true",
        "[1]",
        "1 2",
        "  12  ",
    ] {
        agree::<i64>(text);
    }
    for text in [
        "true", "false", "tru", "falsey", "nul", "null", "1", " true ",
    ] {
        agree::<bool>(text);
    }
    for text in [
        "19", "19.50", "1e3", "-0", "0.1", "1e400", "\"19\"", "null", "1.5e-7",
    ] {
        agree::<crate::Number>(text);
    }
}

#[test]
fn wrong_types_are_named_as_serde_names_them() {
    refused::<String>(
        "7",
        "invalid type: integer `7`, expected a string at line 1 column 1",
    );
    refused::<i64>("\"x\"", "invalid type: string \"x\", expected i64");
    refused::<i64>("1.5", "invalid type: floating point `1.5`, expected i64");
    refused::<i64>(
        "9223372036854775808",
        "invalid value: integer `9223372036854775808`, expected i64",
    );
    refused::<bool>("null", "invalid type: null, expected a boolean");
    refused::<String>("\"abc", "EOF while parsing a string at line 1 column 4");
    refused::<String>("\"a\" x", "trailing characters at line 1 column 5");
    refused::<Vec<i64>>("[1,]", "trailing comma");
    refused::<Vec<i64>>("[1 2]", "expected `,` or `]`");
}

#[test]
fn containers_read_as_serde_json_reads_them() {
    for text in [
        "[]",
        "[1,2,3]",
        " [ 1 , 2 ] ",
        "[1,\"a\"]",
        "[",
        "[1",
        "{}",
        "null",
    ] {
        agree::<Vec<i64>>(text);
    }
    for text in [
        "{}",
        r#"{"a":1,"b":2}"#,
        r#"{"a":1,"a":2}"#,
        r#"{"a\u0062":1}"#,
        r#"{"a":}"#,
        r#"{"a" 1}"#,
        r#"{1:1}"#,
        r#"{"a":1,}"#,
        "[]",
    ] {
        agree::<BTreeMap<String, i64>>(text);
    }
    for text in ["null", "7", "\"x\""] {
        agree::<Option<i64>>(text);
        agree::<crate::Nullable<i64>>(text);
    }
    for text in [
        r#"{"a":[1,2.50,{"b":null}],"c":"\u00e9"}"#,
        "[1e400]",
        "12",
        "\"x\"",
        "[",
    ] {
        agree::<serde_json::Value>(text);
    }
    for text in [
        r#"{"id":"card_1","x":[1]}"#,
        r#""card_2""#,
        r#"{"object":"card"}"#,
        "3",
    ] {
        agree::<crate::ObjectId>(text);
    }
}

#[test]
fn raw_objects_keep_their_text() {
    let text = r#" {"id":"pi_1", "amount":19.50,"nested":{"b":null,"a":[]}} "#;
    let raw: crate::RawObject = from_str(text).unwrap();
    assert_eq!(raw.get(), text.trim());
    assert!(from_str::<crate::RawObject>("{\"a\":}").is_err());
}

#[test]
fn nesting_past_128_levels_is_refused_not_overflowed() {
    let deep = format!("{}1{}", "[".repeat(100_000), "]".repeat(100_000));
    refused::<serde_json::Value>(&deep, "recursion limit exceeded");
    let ok = format!("{}1{}", "[".repeat(127), "]".repeat(127));
    agree::<serde_json::Value>(&ok);
    // Skipped (an unknown key's value), it has no limit and no recursion.
    let mut r = Reader::new(&deep);
    assert_eq!(r.raw().unwrap().len(), deep.len());
    let unknown = format!("{{\"a\":\"s\",\"deep\":{deep}}}");
    let pair = agree::<Pair>(&unknown);
    assert!(pair.is_none());
    for text in [
        "[1,]",
        "{\"a\":1,}",
        "[1 2]",
        "{\"a\" 1}",
        "{1:2}",
        "[",
        "{\"a\":[1,{\"b\":}]}",
    ] {
        let mut r = Reader::new(text);
        let ours = r.skip().and_then(|()| r.end()).is_ok();
        assert_eq!(
            ours,
            serde_json::from_str::<serde::de::IgnoredAny>(text).is_ok(),
            "{text}"
        );
    }
}

#[derive(Debug, PartialEq)]
struct Pair {
    a: String,
    b: Option<i64>,
    unknown: crate::UnknownFields,
}

impl Placeholder for Pair {
    fn placeholder() -> Self {
        Pair {
            a: String::new(),
            b: None,
            unknown: crate::UnknownFields::default(),
        }
    }
}

impl<'de> Fields<'de> for Pair {
    const NAME: &'static str = "Pair";
    const FIELDS: &'static [&'static str] = &["a", "b", "object"];
    const REQUIRED: &'static [bool] = &[true];
    const KEEP_UNKNOWN: bool = true;

    fn set<A: MapAccess<'de>>(
        &mut self,
        field: usize,
        map: &mut A,
    ) -> std::result::Result<(), A::Error> {
        match field {
            0 => self.a = map.next_value()?,
            1 => self.b = Some(map.next_value()?),
            _ => map.next_value_seed(ExpectTag("pair"))?,
        }
        Ok(())
    }

    fn unknown(&mut self, key: String, value: crate::de::RawJson) {
        self.unknown.insert(key, value);
    }
}

impl ReadFields for Pair {
    fn read_field(&mut self, field: usize, r: &mut Reader<'_>) -> Result<()> {
        match field {
            0 => self.a = FromJson::read(r)?,
            1 => self.b = Some(FromJson::read(r)?),
            _ => expect_tag(r, "pair")?,
        }
        Ok(())
    }
}

crate::json_struct!(Pair);

impl<'de> Deserialize<'de> for Pair {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        deserialize_object::<D, Pair>(d)
    }
}

#[test]
fn structs_are_filled_as_the_serde_path_fills_them() {
    for text in [
        r#"{"a":"s","b":3}"#,
        r#"{"x":[1,{"y":2}],"a":"s","object":"pair","b":3,"z":19.50}"#,
        r#"{"b":3,"a":"first","a":"second"}"#,
        r#"{"a":"s","x":1,"x":2}"#,
        r#"{"\u0061":"escaped key"}"#,
        r#"{"b":3}"#,
        r#"{"a":"s","object":"card"}"#,
        r#"{"a":"s","b":null}"#,
        r#"{"a":"s","b":"3"}"#,
        r#"{"a":"s","x":[1,}"#,
        "[1]",
        "null",
        r#"{"a":"s""#,
    ] {
        agree::<Pair>(text);
    }
    let p: Pair = from_str(r#"{"a":"s","z": 19.50 ,"y":{"k":[null]}}"#).unwrap();
    let back = serde_json::to_string(&p.unknown.iter().collect::<Vec<_>>()).unwrap();
    assert_eq!(back, r#"[["z",19.50],["y",{"k":[null]}]]"#);
    refused::<Pair>(r#"{"b":3}"#, "missing field `a` at line 1 column 7");
    refused::<Pair>(
        r#"{"a":"s","object":"card"}"#,
        "invalid value: string \"card\", expected the string \"pair\"",
    );
    refused::<Pair>("[1]", "invalid type: sequence, expected a `Pair` object");
}

#[test]
fn keys_are_matched_in_the_text_only_where_that_is_exact() {
    assert!(plain_keys(&["a", "object", "b_c"]));
    assert!(!plain_keys(&["a", "q\"uote"]));
    assert!(!plain_keys(&["back\\slash"]));
    assert!(!plain_keys(&["tab\t"]));
    // Keys out of order, skipped, repeated, escaped, and a longer key that
    // starts like a known one.
    for text in [
        r#"{"object":"pair","b":1,"a":"s"}"#,
        r#"{"b":1,"a":"s","b":2}"#,
        r#"{"a\u0022":1,"a":"s"}"#,
        r#"{"ab":1,"a":"s"}"#,
        r#"{"a\\":1,"a":"s"}"#,
    ] {
        agree::<Pair>(text);
    }
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

macro_rules! read_as_serde {
    ($($t:ty),*) => {$(
        impl FromJson for $t {
            fn read(r: &mut Reader<'_>) -> Result<Self> {
                // The members of the test unions read through serde: the
                // union's own choice is what is under test.
                let raw = r.raw()?;
                serde_json::from_str(raw).map_err(|e| r.error(e))
            }
        }
    )*};
}

read_as_serde!(Full, Deleted);

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

    fn variant<'de, D: Deserializer<'de>>(
        index: usize,
        d: D,
    ) -> std::result::Result<Self, D::Error> {
        Ok(match index {
            0 => Either::Full(Full::deserialize(d)?),
            _ => Either::Deleted(Deleted::deserialize(d)?),
        })
    }
}

impl<'de> Deserialize<'de> for Either {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        deserialize_untagged(d)
    }
}

impl FromJson for Either {
    fn read(r: &mut Reader<'_>) -> Result<Self> {
        read_untagged(r, |index, r| {
            Ok(match index {
                0 => Either::Full(FromJson::read(r)?),
                _ => Either::Deleted(FromJson::read(r)?),
            })
        })
    }
}

#[test]
fn untagged_unions_pick_the_member_the_serde_path_picks() {
    for text in [
        r#"{"id":"cus_1","object":"customer","deleted":true}"#,
        r#"{"id":"cus_1","object":"customer","email":"a@b"}"#,
        r#"{"id":"cus_1","object":"customer"}"#,
        r#"{"id":"cus_1","deleted":"yes"}"#,
        r#"{"email":"a@b"}"#,
        "[1]",
        r#"{"id":"cus_1","deleted":true} x"#,
    ] {
        agree::<Either>(text);
    }
    refused::<Either>(
        r#"{"email":"a@b"}"#,
        "no member of `Either` accepts this object (Full: missing field `id`",
    );
    refused::<Either>(
        "[1]",
        "invalid type: sequence, expected a `Either` object (one of: Full, Deleted)",
    );
}

#[derive(Debug, PartialEq)]
enum Tagged {
    Pair(Box<Pair>),
    Other(Box<Pair>),
}

impl TaggedUnion for Tagged {
    const NAME: &'static str = "Tagged";
    const TAGS: &'static [&'static str] = &["pair", "other"];

    fn variant<'de, D: Deserializer<'de>>(tag: usize, d: D) -> std::result::Result<Self, D::Error> {
        let pair = Box::new(Pair::deserialize(d)?);
        Ok(if tag == 0 {
            Tagged::Pair(pair)
        } else {
            Tagged::Other(pair)
        })
    }
}

impl<'de> Deserialize<'de> for Tagged {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        crate::de::deserialize_union(d)
    }
}

impl FromJson for Tagged {
    fn read(r: &mut Reader<'_>) -> Result<Self> {
        read_tagged(r, |tag, r| {
            let pair = Box::new(Pair::read(r)?);
            Ok(if tag == 0 {
                Tagged::Pair(pair)
            } else {
                Tagged::Other(pair)
            })
        })
    }
}

#[test]
fn tagged_unions_read_the_member_their_tag_names() {
    for text in [
        r#"{"a":"x","object":"pair"}"#,
        r#"{"object":"pair","a":"x","b":1}"#,
        r#"{"a":"x","object":"other"}"#,
        r#"{"a":"x","object":"card"}"#,
        r#"{"a":"x"}"#,
        r#"{"a":"x","object":7}"#,
        r#"{"a":"x","object":"pair","object":"other"}"#,
        "[]",
        // The quick scan for the tag: nested `object` keys, strings with
        // braces and escapes, escaped keys, text that is not JSON.
        r#"{"a":{"object":"other"},"b":[{"object":"other"}],"object":"pair"}"#,
        r#"{"a":"x\"{[","object":"pair"}"#,
        r#"{"a":{"b":"\\"},"object":"pair"}"#,
        r#"{"obj\u0065ct":"other","object":"pair"}"#,
        r#"{"object":"p\u0061ir","a":"x"}"#,
        r#"{"b":"x","object" : "pair" ,"a":"y"}"#,
        r#"{"a":tru,"object":"pair"}"#,
        r#"{"a":"x"],"object":"pair"}"#,
        r#"{"a":"x","object":"pair""#,
        r#"{"a":"x" "object":"pair"}"#,
        "{\"a\":\"\u{1}\",\"object\":\"pair\"}",
        r#"{"a":"x","object":"pair"}}"#,
    ] {
        agree::<Tagged>(text);
    }
    refused::<Tagged>(
        r#"{"a":"x","object":"card"}"#,
        "unknown `object` value `card` for `Tagged`; expected one of: pair, other",
    );
    refused::<Tagged>(
        r#"{"a":"x"}"#,
        "`Tagged` object without an `object` field to tell which one it is",
    );
}

/// Our writer and `serde_json::to_string` write the same bytes.
fn writes_alike<T: ToJson + serde::Serialize + ?Sized>(value: &T) {
    assert_eq!(to_string(value), serde_json::to_string(value).unwrap());
}

#[test]
fn the_writer_writes_what_serde_json_writes() {
    for s in [
        "",
        "plain",
        "quote\" back\\ slash/",
        "\u{0}\u{1}\u{8}\u{c}\n\r\t\u{1f}\u{7f}",
        "é😀\u{202e}",
    ] {
        writes_alike(s);
        writes_alike(&s.to_string());
    }
    for n in [0i64, -1, 7, i64::MAX, i64::MIN] {
        writes_alike(&n);
        writes_alike(&crate::Timestamp(n));
    }
    writes_alike(&true);
    writes_alike(&vec![Some(1i64), None]);
    writes_alike(&crate::Nullable::Value(vec!["a".to_string()]));
    writes_alike(&crate::Nullable::<i64>::Null);
    let map: BTreeMap<String, i64> = [("b".into(), 2), ("a\"".into(), 1)].into();
    writes_alike(&map);
    for text in [
        "19",
        "19.50",
        "1e3",
        "-0",
        "0.1",
        "1.5e-7",
        "123456789012345678901234567890",
    ] {
        let n: crate::Number = from_str(text).unwrap();
        writes_alike(&n);
    }
    writes_alike(&crate::Number::from(19.0));
    writes_alike(&crate::Number::from(f64::NAN));
    let value: serde_json::Value = from_str(r#"{"b":[1,2.50,null],"a":"\u00e9"}"#).unwrap();
    writes_alike(&value);
    let raw: crate::RawObject = from_str(r#"{"z": 1, "a": 19.50}"#).unwrap();
    writes_alike(&raw);
    writes_alike(&crate::ObjectId("card_1".into()));
}

impl ToJson for Pair {
    fn write(&self, w: &mut Writer) {
        let mut o = w.object();
        o.entry("a", &self.a);
        if let Some(b) = &self.b {
            o.entry("b", b);
        }
        o.entry("object", "pair");
        self.unknown.write_entries(&mut o);
        o.end();
    }
}

#[test]
fn objects_are_written_with_their_unknown_keys_as_they_came() {
    let text = r#"{"a":"s","b":3,"object":"pair","z":19.50,"y":{"k":[null]}}"#;
    let pair: Pair = from_str(text).unwrap();
    assert_eq!(to_string(&pair), text);
    let empty = Pair::placeholder();
    assert_eq!(to_string(&empty), r#"{"a":"","object":"pair"}"#);
}
