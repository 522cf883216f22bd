//! [`string_enum!`](crate::string_enum): the conversions and the
//! (de)serialization of a generated string enum, from its list of values.

/// The conversions and (de)serialization of a generated string enum.
///
/// ```text
/// stripe_types::string_enum! {
///     Name {
///         Variant = "wire value",
///     }
///     Unknown
/// }
/// ```
///
/// Each variant the spec lists with its value, then the variant that keeps
/// any other value as sent. Gives `as_str`, `From<&str>`, `FromStr`,
/// `Display`, `Eq`, `Serialize`, `Deserialize` and, behind the calling crate's
/// `json` feature, the JSON reader and writer of `crate::json`.
/// `placeholder` after the fallback adds the stand-in
/// (`crate::de::Placeholder`) that a required field needs while its
/// struct is filled in place; `serde_only` before the name leaves out the
/// JSON reader and writer, as [`object!`](crate::object) does.
#[macro_export]
macro_rules! string_enum {
    (serde_only $name:ident { $($body:tt)* } $fallback:ident $($placeholder:ident)?) => {
        $crate::string_enum!(@serde $name { $($body)* } $fallback $($placeholder)?);
    };
    ($name:ident { $($body:tt)* } $fallback:ident $($placeholder:ident)?) => {
        $crate::string_enum!(@serde $name { $($body)* } $fallback $($placeholder)?);
        $crate::__if_json! { $crate::json_string_enum!($name); }
    };

    (@serde $name:ident { $($v:ident = $w:literal,)* } $fallback:ident $($placeholder:ident)?) => {
        impl $name {
            /// The value as Stripe sends it.
            #[inline]
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$v => $w,)*
                    Self::$fallback(value) => value,
                }
            }
        }

        impl ::core::convert::From<&str> for $name {
            #[inline]
            fn from(value: &str) -> Self {
                match value {
                    $($w => Self::$v,)*
                    other => Self::$fallback(::std::borrow::ToOwned::to_owned(other)),
                }
            }
        }

        impl ::core::str::FromStr for $name {
            type Err = ::core::convert::Infallible;
            #[inline]
            fn from_str(value: &str) -> ::core::result::Result<Self, Self::Err> {
                ::core::result::Result::Ok(Self::from(value))
            }
        }

        impl ::core::fmt::Display for $name {
            #[inline]
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl $crate::__private::serde::Serialize for $name {
            fn serialize<S: $crate::__private::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                $crate::__private::de::deserialize_string_enum(deserializer)
            }
        }

        // Not derived: a derived `Eq` has a method, compiled in every
        // crate whether or not it is called.
        impl ::core::cmp::Eq for $name {}

        $($crate::string_enum!(@$placeholder $name $fallback);)?
    };

    (@placeholder $name:ident $fallback:ident) => {
        #[doc(hidden)]
        impl $crate::__private::de::Placeholder for $name {
            #[inline]
            fn placeholder() -> Self {
                Self::$fallback(::std::string::String::new())
            }
        }
    };
}

#[cfg(test)]
mod tests {
    #[derive(Clone, Debug, PartialEq, Hash)]
    enum Status {
        Ready,
        NotYet,
        Unknown(String),
    }

    crate::string_enum! {
        serde_only Status {
            Ready = "ready",
            NotYet = "not_yet",
        }
        Unknown
        placeholder
    }
    crate::json_string_enum!(Status);

    #[test]
    fn values_convert_both_ways_and_unknown_ones_are_kept() {
        fn eq<T: Eq>() {}
        eq::<Status>();
        assert_eq!(Status::from("ready"), Status::Ready);
        assert_eq!("not_yet".parse::<Status>(), Ok(Status::NotYet));
        assert_eq!(Status::from("new"), Status::Unknown("new".into()));
        assert_eq!(Status::Unknown("new".into()).to_string(), "new");
        assert_eq!(Status::NotYet.as_str(), "not_yet");
        use crate::de::Placeholder;
        assert_eq!(Status::placeholder(), Status::Unknown(String::new()));
        for text in [r#""ready""#, r#""not_yet""#, r#""new""#] {
            let de: Status = serde_json::from_str(text).expect(text);
            let json: Status = crate::json::from_str(text).expect(text);
            assert_eq!(de, json);
            assert_eq!(serde_json::to_string(&de).expect("writes"), text);
            assert_eq!(crate::json::to_string(&json), text);
        }
        assert!(serde_json::from_str::<Status>("1").is_err());
        assert!(crate::json::from_str::<Status>("1").is_err());
    }
}
