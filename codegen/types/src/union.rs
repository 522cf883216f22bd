//! [`union!`](crate::union): the (de)serialization of a generated union of
//! objects, written out from one list of its members.
//!
//! The generated files keep the enum itself (a boxed variant per member,
//! their docs) and say, member by member, what picks it; this macro turns
//! that into `Serialize`, the `Deserialize` of `crate::de`'s union
//! readers and, behind this crate's `json` feature, the reader and writer
//! of `crate::json`, as [`object!`](crate::object) does for a struct.

/// The (de)serialization impls of a generated union of objects.
///
/// ```text
/// stripe_types::union! {
///     Name {
///         Variant: "tag value",
///     }
///     other: Other,
///     placeholder: Variant,
///     has_id,
/// }
/// ```
///
/// Each member is its variant with what picks it: its `object` value (the
/// member is chosen when the `object` key streams past) or, when members
/// share or lack one, its type (`Variant: Type`): the object is buffered
/// and goes to the first member, in order of fewest keys it does not know,
/// that accepts it. Then, each if it applies:
///
/// - `other`: the variant that keeps any other object as it came
///   ([`RawObject`](crate::RawObject)): the union is open;
/// - `placeholder`: the variant the union's placeholder
///   (`crate::de::Placeholder`) is made of, for a union a required field
///   holds;
/// - `has_id`: every member is a resource, so the union is one too
///   ([`Object`](crate::Object), its id its member's).
///
/// `serde_only` before the name leaves out the JSON reader and writer, as
/// it does for [`object!`](crate::object).
#[doc(hidden)]
#[macro_export]
macro_rules! union {
    (serde_only $name:ident { $($body:tt)* } $($clauses:tt)*) => {
        $crate::union!(@serde $name { $($body)* } [$($clauses)*]);
    };
    ($name:ident { $($body:tt)* } $($clauses:tt)*) => {
        $crate::union!(@serde $name { $($body)* } [$($clauses)*]);
        $crate::__if_json! { $crate::union!(@json $name { $($body)* } [$($clauses)*]); }
    };

    // Members told apart by their `object` value.
    (@serde $name:ident { $($v:ident: $tag:literal,)* } [$($clauses:tt)*]) => {
        $crate::union!(@serde_with $name { $($v)* } [$($clauses)*] $crate::__private::de::deserialize_union,
            impl $crate::__private::de::TaggedUnion for $name {
                const NAME: &'static str = ::core::stringify!($name);
                const TAGS: &'static [&'static str] = &[$($tag),*];
                const OPEN: bool = $crate::union!(@open [$($clauses)*]);
                $crate::union!(@variant { $($v)* } [$($clauses)*]);
            }
        );
    };

    // Members told apart by the keys they know (each member's `FIELDS`).
    (@serde $name:ident { $($v:ident: $ty:ident,)* } [$($clauses:tt)*]) => {
        $crate::union!(@serde_with $name { $($v)* } [$($clauses)*] $crate::__private::de::deserialize_untagged,
            impl $crate::__private::de::UntaggedUnion for $name {
                const NAME: &'static str = ::core::stringify!($name);
                const MEMBERS: &'static [&'static str] = &[$(::core::stringify!($ty)),*];
                const FIELDS: &'static [&'static [&'static str]] =
                    &[$(<$ty as $crate::__private::de::Fields<'static>>::FIELDS),*];
                $crate::union!(@variant { $($v)* } [$($clauses)*]);
            }
        );
    };

    // The serde impls of either kind: `Deserialize` through `$reader`,
    // which reads the union as `$kind` (the impl of its kind's trait)
    // says; `Serialize`, the placeholder and `Object`.
    (@serde_with $name:ident { $($v:ident)* } [$($clauses:tt)*] $reader:path, $kind:item) => {
        const _: () = {
            $crate::union!(@members $($v)*);

            impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
                fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(
                    deserializer: D,
                ) -> ::core::result::Result<Self, D::Error> {
                    $reader(deserializer)
                }
            }

            $kind
        };
        $crate::union!(@common $name { $($v)* } [$($clauses)*]);
        $crate::union!(@has_id $name { $($v)* } [$($clauses)*]);
    };

    (@json $name:ident { $($v:ident: $tag:literal,)* } [$($clauses:tt)*]) => {
        $crate::union!(@json_with $crate::__private::json::read_tagged, $name { $($v)* } [$($clauses)*]);
    };
    (@json $name:ident { $($v:ident: $ty:ident,)* } [$($clauses:tt)*]) => {
        $crate::union!(@json_with $crate::__private::json::read_untagged, $name { $($v)* } [$($clauses)*]);
    };

    // The JSON reader (`$reader` finds the member, by its tag or by the
    // keys it knows, and the member reads the object) and writer.
    (@json_with $reader:path, $name:ident { $($v:ident)* } [$($clauses:tt)*]) => {
        const _: () = {
            $crate::union!(@members $($v)*);

            impl $crate::__private::json::FromJson for $name {
                fn read(r: &mut $crate::__private::json::Reader<'_>) -> $crate::__private::json::Result<Self> {
                    $reader(r, |member, r| {
                        $crate::union!(@read member r { $($v)* } [$($clauses)*])
                    })
                }
            }

            impl $crate::__private::json::ToJson for $name {
                fn write(&self, w: &mut $crate::__private::json::Writer) {
                    $crate::union!(@write self w { $($v)* } [$($clauses)*])
                }
            }
        };
    };
    // Member number `$member` read from `$r`; past the members, the other
    // object of an open union (the readers give no other index).
    (@read $member:ident $r:ident { } [other: $other:ident, $($rest:tt)*]) => {{
        let _ = $member;
        ::core::result::Result::Ok(Self::$other($crate::__private::json::FromJson::read($r)?))
    }};
    (@read $member:ident $r:ident { $($v:ident)* } [$($clauses:tt)*]) => {
        ::core::result::Result::Ok(match $member {
            $(member::$v => Self::$v($crate::__private::json::FromJson::read($r)?),)*
            _ => $crate::union!(@read_past_members $r [$($clauses)*]),
        })
    };
    (@read_past_members $r:ident [other: $other:ident, $($rest:tt)*]) => {
        Self::$other($crate::__private::json::FromJson::read($r)?)
    };
    (@read_past_members $r:ident [$($rest:tt)*]) => {
        return ::core::result::Result::Err($r.error("variant index out of range"))
    };
    (@write $self:ident $w:ident { $($v:ident)* } [other: $other:ident, $($rest:tt)*]) => {
        match $self {
            $(Self::$v(v) => $crate::__private::json::ToJson::write(v, $w),)*
            Self::$other(v) => $crate::__private::json::ToJson::write(v, $w),
        }
    };
    (@write $self:ident $w:ident { $($v:ident)* } [$($rest:tt)*]) => {
        match $self {
            $(Self::$v(v) => $crate::__private::json::ToJson::write(v, $w),)*
        }
    };

    // Member number `tag` read by serde; past the members, the other
    // object of an open union.
    (@variant { } [other: $other:ident, $($rest:tt)*]) => {
        fn variant<'de, D: $crate::__private::serde::Deserializer<'de>>(
            _: usize,
            deserializer: D,
        ) -> ::core::result::Result<Self, D::Error> {
            ::core::result::Result::Ok(Self::$other(
                $crate::__private::serde::Deserialize::deserialize(deserializer)?,
            ))
        }
    };
    (@variant { $($v:ident)* } [$($clauses:tt)*]) => {
        fn variant<'de, D: $crate::__private::serde::Deserializer<'de>>(
            tag: usize,
            deserializer: D,
        ) -> ::core::result::Result<Self, D::Error> {
            ::core::result::Result::Ok(match tag {
                $(member::$v => Self::$v(::std::boxed::Box::new(
                    $crate::__private::serde::Deserialize::deserialize(deserializer)?,
                )),)*
                _ => $crate::union!(@past_members deserializer [$($clauses)*]),
            })
        }
    };
    (@past_members $d:ident [other: $other:ident, $($rest:tt)*]) => {
        Self::$other($crate::__private::serde::Deserialize::deserialize($d)?)
    };
    (@past_members $d:ident [$($rest:tt)*]) => {
        return ::core::result::Result::Err($crate::__private::serde::de::Error::custom(
            "variant index out of range",
        ))
    };

    (@open [other: $other:ident, $($rest:tt)*]) => { true };
    (@open [$($rest:tt)*]) => { false };

    // What both kinds share: `Serialize`, the placeholder, `Object`.
    (@common $name:ident { $($v:ident)* }
        [$(other: $other:ident,)? $(placeholder: $placeholder:ident,)? $(has_id,)?]
    ) => {
        impl $crate::__private::serde::Serialize for $name {
            fn serialize<S: $crate::__private::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                match self {
                    $(Self::$v(v) => $crate::__private::serde::Serialize::serialize(v, serializer),)*
                    $(Self::$other(v) => $crate::__private::serde::Serialize::serialize(v, serializer),)?
                }
            }
        }

        $(
            #[doc(hidden)]
            impl $crate::__private::de::Placeholder for $name {
                fn placeholder() -> Self {
                    Self::$placeholder($crate::__private::de::Placeholder::placeholder())
                }
            }
        )?
    };

    // A union of resources is a resource: its id is its member's.
    (@has_id $name:ident { $($v:ident)* }
        [$(other: $other:ident,)? $(placeholder: $placeholder:ident,)? has_id,]
    ) => {
        impl $crate::Object for $name {
            type Id = ::std::string::String;
            #[inline]
            fn id(&self) -> &::std::string::String {
                match self {
                    $(Self::$v(v) => $crate::Object::id(&**v).as_string(),)*
                }
            }
        }
    };
    (@has_id $name:ident { $($v:ident)* } [$($rest:tt)*]) => {};

    // Each member's index, as a constant named after its variant.
    (@members $($v:ident)*) => {
        #[allow(non_camel_case_types, non_upper_case_globals, dead_code)]
        mod member {
            enum Member {
                $($v,)*
            }
            $(pub(super) const $v: usize = Member::$v as usize;)*
        }
    };
}

#[cfg(test)]
mod tests {
    use crate::de::Placeholder;
    use crate::{Id, Object, RawObject};

    /// A resource: its id, its `object` value and one more field.
    macro_rules! resource {
        ($name:ident $tag:literal, $field:ident $key:literal: $ty:ty, ($holder:ident)) => {
            #[derive(Clone, Debug, PartialEq)]
            struct $name {
                id: Id<$name>,
                $field: $ty,
            }
            crate::object! {
                serde_only $name {
                    id: "id" (required),
                    "object": $tag (required),
                    $field: $key ($holder),
                }
            }
            crate::object!(@json $name {
                id: "id" (required),
                "object": $tag (required),
                $field: $key ($holder),
            });
            impl Object for $name {
                type Id = Id<$name>;
                fn id(&self) -> &Id<$name> {
                    &self.id
                }
            }
        };
    }
    resource!(Card "card", last4 "last4": String, (required));
    resource!(Bank "bank", routing "routing": Option<String>, (optional));

    /// By tag, a resource, closed.
    #[derive(Clone, Debug, PartialEq)]
    enum Source {
        Card(Box<Card>),
        Bank(Box<Bank>),
    }
    crate::union! { serde_only Source { Card: "card", Bank: "bank", } placeholder: Bank, has_id, }
    crate::union!(@json Source { Card: "card", Bank: "bank", } [placeholder: Bank, has_id,]);

    /// By keys.
    #[derive(Clone, Debug, PartialEq)]
    enum Either {
        Card(Box<Card>),
        Bank(Box<Bank>),
    }
    crate::union! { serde_only Either { Card: Card, Bank: Bank, } }
    crate::union!(@json Either { Card: Card, Bank: Bank, } []);

    /// Open.
    #[derive(Clone, Debug, PartialEq)]
    enum Any {
        Card(Box<Card>),
        Other(RawObject),
    }
    crate::union! { serde_only Any { Card: "card", } other: Other, placeholder: Other, }
    crate::union!(@json Any { Card: "card", } [other: Other, placeholder: Other,]);

    /// Open, of no member: any object is the other one.
    #[derive(Clone, Debug, PartialEq)]
    enum Whatever {
        Other(RawObject),
    }
    crate::union! { serde_only Whatever {} other: Other, }
    crate::union!(@json Whatever {} [other: Other,]);

    /// Both readers and both writers of one payload agree, and write it
    /// back as it came.
    fn both<T>(text: &str) -> T
    where
        T: serde::de::DeserializeOwned + serde::Serialize + crate::json::FromJson,
        T: crate::json::ToJson + PartialEq + std::fmt::Debug,
    {
        let de: T = serde_json::from_str(text).expect(text);
        let json: T = crate::json::from_str(text).expect(text);
        assert_eq!(de, json);
        assert_eq!(serde_json::to_string(&de).expect("writes"), text);
        assert_eq!(crate::json::to_string(&json), text);
        de
    }

    #[test]
    fn members_are_picked_by_tag_by_keys_or_as_the_other_object() {
        let card = r#"{"id":"card_1","object":"card","last4":"4242"}"#;
        let bank = r#"{"id":"ba_1","object":"bank","routing":"11"}"#;
        let source: Source = both(bank);
        assert!(matches!(&source, Source::Bank(b) if b.routing.as_deref() == Some("11")));
        assert_eq!(source.id(), "ba_1");
        assert!(matches!(both::<Source>(card), Source::Card(_)));
        assert!(matches!(both::<Either>(card), Either::Card(_)));
        assert!(matches!(both::<Either>(bank), Either::Bank(_)));
        assert!(matches!(both::<Any>(card), Any::Card(_)));
        let other = r#"{"object":"dog","name":"Rex"}"#;
        assert!(matches!(both::<Any>(other), Any::Other(_)));
        assert!(matches!(both::<Whatever>(card), Whatever::Other(_)));
    }

    #[test]
    fn what_no_member_takes_is_an_error_naming_the_union() {
        let dog = r#"{"id":"d","object":"dog"}"#;
        let e = serde_json::from_str::<Source>(dog).unwrap_err().to_string();
        assert!(
            e.contains("unknown `object` value `dog` for `Source`"),
            "{e}"
        );
        let e = crate::json::from_str::<Source>(dog)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("unknown `object` value `dog` for `Source`"),
            "{e}"
        );
        let e = serde_json::from_str::<Either>(r#"{"x":1}"#)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("no member of `Either` accepts this object"),
            "{e}"
        );
        assert!(e.contains("Card: ") && e.contains("Bank: "), "{e}");
    }

    #[test]
    fn the_placeholder_is_the_named_member() {
        assert!(matches!(Source::placeholder(), Source::Bank(_)));
        assert!(matches!(Any::placeholder(), Any::Other(_)));
    }
}
