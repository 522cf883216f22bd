//! [`object!`](crate::object): the (de)serialization of a generated struct,
//! written out from one list of its keys.
//!
//! The generated files keep the struct itself (its fields, their docs) and
//! say, key by key, how each field is held; this macro turns that into
//! `Serialize`, the in-place `Deserialize` of `crate::de` and, behind the
//! calling crate's `json` feature, the reader and writer of
//! `crate::json`. One list, so the four cannot disagree, and a generated
//! file says what is particular to its type only.

/// The (de)serialization impls of a generated struct.
///
/// ```text
/// stripe_types::object! {
///     Name {
///         field: "key" (holder),
///         "object": "tag value" (required),
///         other: "other_key" (holder in_place),
///     }
///     unknown_fields
/// }
/// ```
///
/// Keys come in the spec's order, which is the order they are written in;
/// the `object` tag, if the struct has one, in its place (`(required)` if
/// a payload must have it); then the field keeping unknown keys, if any.
/// A holder is how the struct holds the field:
///
/// - `required`: `T`, always written, must be in a payload;
/// - `or_null`: `Option<T>`, `None` written as `null`, must be there;
/// - `optional`: `Option<T>`, `None` left out, never `null`;
/// - `nullable`: `stripe_types::Nullable<T>`, absent left out;
/// - `lossy`: `Option<T>`, `null` read as `None`, which is left out.
///
/// `in_place` after the holder: the field holds a generated struct, filled
/// where it stands rather than built and moved. `serde_only` before the
/// name leaves out the JSON reader and writer (for the proc macro, whose
/// expansion lives in the user's crate).
#[macro_export]
macro_rules! object {
    (serde_only $name:ident { $($body:tt)* } $($unknown:ident)?) => {
        $crate::object!(@serde $name { $($body)* } $($unknown)?);
    };
    ($name:ident { $($body:tt)* } $($unknown:ident)?) => {
        $crate::object!(@serde $name { $($body)* } $($unknown)?);
        $crate::__if_json! { $crate::object!(@json $name { $($body)* } $($unknown)?); }
    };

    (@serde $name:ident {
        $($f:ident: $k:literal ($($fh:ident)*),)*
        $("object": $tag:literal ($($treq:ident)?), $($g:ident: $l:literal ($($gh:ident)*),)*)?
    } $($unknown:ident)?) => {
        impl $crate::__private::serde::Serialize for $name {
            #[allow(unused_mut)]
            fn serialize<S: $crate::__private::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                use $crate::__private::serde::ser::SerializeMap;
                let len = 0
                    $(+ $crate::object!(@len (self.$f) $($fh)*))*
                    $(+ $crate::object!(@one $tag) $(+ $crate::object!(@len (self.$g) $($gh)*))*)?
                    $(+ self.$unknown.len())?;
                let mut map = serializer.serialize_map(::core::option::Option::Some(len))?;
                $($crate::object!(@put map.serialize_entry [?] $k (self.$f) $($fh)*);)*
                $(
                    map.serialize_entry("object", $tag)?;
                    $($crate::object!(@put map.serialize_entry [?] $l (self.$g) $($gh)*);)*
                )?
                $(self.$unknown.serialize_entries(&mut map)?;)?
                map.end()
            }
        }

        const _: () = {
            $crate::object!(@keys $($f)* $(object $($g)*)?);

            // Deserialization plumbing; nothing for the type's readers.
            #[doc(hidden)]
            impl $crate::__private::de::Placeholder for $name {
                #[inline]
                fn placeholder() -> Self {
                    Self {
                        $($f: $crate::object!(@place $($fh)*),)*
                        $($($g: $crate::object!(@place $($gh)*),)*)?
                        $($unknown: $crate::UnknownFields::default(),)?
                    }
                }
            }

            #[doc(hidden)]
            impl<'de> $crate::__private::de::Fields<'de> for $name {
                const NAME: &'static str = ::core::stringify!($name);
                const FIELDS: &'static [&'static str] = &[$($k,)* $("object", $($l,)*)?];
                const REQUIRED: &'static [bool] = &[
                    $($crate::object!(@required $($fh)*),)*
                    $($crate::object!(@required $($treq)?), $($crate::object!(@required $($gh)*),)*)?
                ];

                #[allow(unused_variables, clippy::match_single_binding)]
                fn set<A: $crate::__private::serde::de::MapAccess<'de>>(
                    &mut self,
                    field: usize,
                    map: &mut A,
                ) -> ::core::result::Result<(), A::Error> {
                    match field {
                        $(key::$f => $crate::object!(@fill $crate::__private::de::read_in_place, $crate::__private::de::NotNull, map.next_value(); map (self.$f) $($fh)*),)*
                        $(
                            key::object => {
                                map.next_value_seed($crate::__private::de::ExpectTag($tag))?;
                            }
                            $(key::$g => $crate::object!(@fill $crate::__private::de::read_in_place, $crate::__private::de::NotNull, map.next_value(); map (self.$g) $($gh)*),)*
                        )?
                        _ => {}
                    }
                    ::core::result::Result::Ok(())
                }

                $(
                    const KEEP_UNKNOWN: bool = true;

                    #[inline]
                    fn unknown(&mut self, key: ::std::string::String, value: $crate::__private::de::RawJson) {
                        self.$unknown.insert(key, value);
                    }
                )?
            }

            impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
                fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(
                    deserializer: D,
                ) -> ::core::result::Result<Self, D::Error> {
                    $crate::__private::de::deserialize_object(deserializer)
                }
            }
        };
    };

    (@json $name:ident {
        $($f:ident: $k:literal ($($fh:ident)*),)*
        $("object": $tag:literal ($($treq:ident)?), $($g:ident: $l:literal ($($gh:ident)*),)*)?
    } $($unknown:ident)?) => {
        const _: () = {
            $crate::object!(@keys $($f)* $(object $($g)*)?);

            impl $crate::__private::json::ReadFields for $name {
                #[allow(unused_variables, clippy::match_single_binding)]
                fn read_field(
                    &mut self,
                    field: usize,
                    r: &mut $crate::__private::json::Reader<'_>,
                ) -> $crate::__private::json::Result<()> {
                    match field {
                        $(key::$f => $crate::object!(@fill $crate::__private::json::fill, $crate::__private::json::NotNull, $crate::__private::json::FromJson::read(r); r (self.$f) $($fh)*),)*
                        $(
                            key::object => $crate::__private::json::expect_tag(r, $tag)?,
                            $(key::$g => $crate::object!(@fill $crate::__private::json::fill, $crate::__private::json::NotNull, $crate::__private::json::FromJson::read(r); r (self.$g) $($gh)*),)*
                        )?
                        _ => {}
                    }
                    ::core::result::Result::Ok(())
                }
            }

            impl $crate::__private::json::ToJson for $name {
                #[allow(unused_mut)]
                fn write(&self, w: &mut $crate::__private::json::Writer) {
                    let mut o = w.object();
                    $($crate::object!(@put o.entry [] $k (self.$f) $($fh)*);)*
                    $(
                        o.entry("object", $tag);
                        $($crate::object!(@put o.entry [] $l (self.$g) $($gh)*);)*
                    )?
                    $(self.$unknown.write_entries(&mut o);)?
                    o.end();
                }
            }

            $crate::json_struct!($name);
        };
    };

    // Each key's index in `FIELDS`, as a constant named after its field.
    (@keys $($f:ident)*) => {
        #[allow(non_camel_case_types, non_upper_case_globals, dead_code)]
        mod key {
            enum Key {
                $($f,)*
            }
            $(pub(super) const $f: usize = Key::$f as usize;)*
        }
    };

    (@one $tag:literal) => { 1 };

    // The stand-in a struct is filled from: nothing where a field may be
    // left out, a stand-in value where it is required (never seen: a
    // payload without the key is an error).
    (@place required $($in_place:ident)?) => { $crate::__private::de::Placeholder::placeholder() };
    (@place nullable $($in_place:ident)?) => { $crate::Nullable::Absent };
    (@place $($holder:ident)*) => { ::core::option::Option::None };

    (@required required $($in_place:ident)?) => { true };
    (@required or_null $($in_place:ident)?) => { true };
    (@required $($other:ident)*) => { false };

    // How many entries a field adds to the map.
    (@len ($($v:tt)*) optional $($in_place:ident)?) => { usize::from($($v)*.is_some()) };
    (@len ($($v:tt)*) lossy $($in_place:ident)?) => { $crate::object!(@len ($($v)*) optional) };
    (@len ($($v:tt)*) nullable $($in_place:ident)?) => { usize::from(!$($v)*.is_absent()) };
    (@len ($($v:tt)*) $($holder:ident)*) => { 1 };

    // Writes one entry, by `$put` (`map.serialize_entry`, `o.entry`) then
    // `$($q)?` (`?` after serde's fallible call): a key that may be left
    // out only when the field holds something.
    (@put $o:ident.$put:ident [$($q:tt)?] $k:literal ($($v:tt)*) optional $($in_place:ident)?) => {
        if let ::core::option::Option::Some(value) = &$($v)* {
            $o.$put($k, value)$($q)?;
        }
    };
    (@put $o:ident.$put:ident [$($q:tt)?] $k:literal ($($v:tt)*) lossy $($in_place:ident)?) => {
        $crate::object!(@put $o.$put [$($q)?] $k ($($v)*) optional)
    };
    (@put $o:ident.$put:ident [$($q:tt)?] $k:literal ($($v:tt)*) nullable $($in_place:ident)?) => {
        if !$($v)*.is_absent() {
            $o.$put($k, &$($v)*)$($q)?;
        }
    };
    (@put $o:ident.$put:ident [$($q:tt)?] $k:literal ($($v:tt)*) $($holder:ident)*) => {
        $o.$put($k, &$($v)*)$($q)?;
    };

    // Reads one value into its field, for serde (`read_in_place`, the
    // map's `next_value()`) or the JSON reader (`fill`, `FromJson::read`):
    // a struct where it stands, an optional field never from `null`.
    (@fill $fill:path, $not_null:path, $value:expr; $src:ident ($($v:tt)*) optional in_place) => {
        $fill($not_null(&mut $($v)*), $src)?
    };
    (@fill $fill:path, $not_null:path, $value:expr; $src:ident ($($v:tt)*) $holder:ident in_place) => {
        $fill(&mut $($v)*, $src)?
    };
    (@fill $fill:path, $not_null:path, $value:expr; $src:ident ($($v:tt)*) optional) => {
        $($v)* = ::core::option::Option::Some($value?)
    };
    (@fill $fill:path, $not_null:path, $value:expr; $src:ident ($($v:tt)*) $holder:ident) => {
        $($v)* = $value?
    };
}

#[cfg(test)]
mod tests {
    use crate::{Nullable, UnknownFields};

    #[derive(Clone, Debug, PartialEq)]
    struct Inner {
        a: i64,
        unknown_fields: UnknownFields,
    }

    crate::object! {
        serde_only Inner {
            a: "a" (required),
        }
        unknown_fields
    }
    crate::object!(@json Inner { a: "a" (required), } unknown_fields);

    #[derive(Clone, Debug, PartialEq)]
    struct Every {
        plain: String,
        or_null: Option<i64>,
        optional: Option<bool>,
        nullable: Nullable<String>,
        lossy: Option<String>,
        r#type: Inner,
        maybe: Option<Inner>,
        perhaps: Nullable<Inner>,
        unknown_fields: UnknownFields,
    }

    macro_rules! every {
        ($($how:tt)*) => {
            crate::object! {
                $($how)* Every {
                    plain: "plain" (required),
                    or_null: "or_null" (or_null),
                    "object": "every" (required),
                    optional: "optional" (optional),
                    nullable: "nullable" (nullable),
                    lossy: "lossy" (lossy),
                    r#type: "type" (required in_place),
                    maybe: "maybe" (optional in_place),
                    perhaps: "perhaps" (nullable in_place),
                }
                unknown_fields
            }
        };
    }
    every!(serde_only);
    every!(@json);

    /// Both readers and both writers of one payload.
    fn both(text: &str) -> (Every, String) {
        let de: Every = serde_json::from_str(text).expect(text);
        let json: Every = crate::json::from_str(text).expect(text);
        assert_eq!(de, json);
        let ser = serde_json::to_string(&de).expect("writes");
        assert_eq!(ser, crate::json::to_string(&json));
        (de, ser)
    }

    #[test]
    fn every_holder_round_trips_through_both_paths() {
        let full = r#"{"plain":"p","or_null":null,"object":"every","optional":true,"nullable":null,"lossy":"l","type":{"a":1,"b":2},"maybe":{"a":2},"perhaps":null,"new":[1]}"#;
        let (value, text) = both(full);
        assert_eq!(text, full);
        assert_eq!(value.nullable, Nullable::Null);
        assert_eq!(value.r#type.a, 1);
        assert_eq!(value.r#type.unknown_fields.len(), 1);
        assert_eq!(value.unknown_fields.len(), 1);

        // What may be left out is, and comes back out left out; `lossy`'s
        // `null` reads as `None`, which is then left out.
        let least = r#"{"plain":"p","or_null":3,"object":"every","lossy":null,"type":{"a":0}}"#;
        let (value, text) = both(least);
        assert_eq!(value.nullable, Nullable::Absent);
        assert_eq!(
            (value.optional, value.lossy, value.maybe),
            (None, None, None)
        );
        assert_eq!(
            text,
            r#"{"plain":"p","or_null":3,"object":"every","type":{"a":0}}"#
        );
    }

    #[test]
    fn required_keys_the_tag_and_nulls_are_checked_by_both_readers() {
        for (text, wanted) in [
            (
                r#"{"object":"every","type":{"a":0}}"#,
                "missing field `plain`",
            ),
            (
                r#"{"plain":"p","object":"every","type":{"a":0}}"#,
                "missing field `or_null`",
            ),
            (
                r#"{"plain":"p","or_null":1,"type":{"a":0}}"#,
                "missing field `object`",
            ),
            (
                r#"{"plain":"p","or_null":1,"object":"other","type":{"a":0}}"#,
                "every",
            ),
            (
                r#"{"plain":"p","or_null":1,"object":"every","type":{"a":0},"maybe":null}"#,
                "Inner",
            ),
        ] {
            let de = serde_json::from_str::<Every>(text)
                .expect_err(text)
                .to_string();
            let json = crate::json::from_str::<Every>(text)
                .expect_err(text)
                .to_string();
            assert!(de.contains(wanted), "{de} (serde) for {text}");
            assert!(json.contains(wanted), "{json} (json) for {text}");
        }
    }
}
