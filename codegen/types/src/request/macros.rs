//! The request side of the generated crates from lists: an operation's
//! [`Operation`](crate::Operation) impl ([`operation!`](crate::operation)),
//! a parameter object's [`Encode`](crate::form::Encode)
//! ([`form_object!`](crate::form_object)), and a parameter enum's `as_str`
//! and `Encode` ([`form_enum!`](crate::form_enum)).
//!
//! Every function they write is `#[inline]`: like a generic, it is
//! compiled in the crate that calls it, so a user's crate compiles the
//! operations it sends and the generated crates none.

/// The [`Operation`](crate::Operation) impl of a generated operation.
///
/// ```text
/// stripe_types::operation! {
///     Name {
///         field: "key",
///     }
///     POST "/v1/things/{}/cancel" (thing);
///     version "2026-07-29.dahlia";
///     response json Thing;
///     error StripeError;
/// }
/// ```
///
/// The braces list the parameters sent in the query or the form, under
/// their keys in this order. The path is a `format!` template whose `{}`s
/// take, in order, the path parameters in parentheses: a field (escaped as
/// one segment by [`path_segment`](crate::request::path_segment)) or a
/// literal; a path without parameters has no parentheses. The `version`
/// (the spec's API version) is sent as the request's `Stripe-Version`
/// header, so that Stripe answers in the version the types describe. The
/// answer is
/// read as `json` or as `bytes`, through serde or, behind the calling
/// crate's `json` feature, through the types' own readers; `serde_only`
/// before the name uses serde alone (for the proc macro).
#[macro_export]
macro_rules! operation {
    (serde_only $name:ident $($rest:tt)*) => {
        $crate::operation!(@impl [serde_only] $name $($rest)*);
    };
    ($name:ident $($rest:tt)*) => {
        $crate::operation!(@impl [] $name $($rest)*);
    };

    (@impl [$($serde_only:ident)?] $name:ident { $($f:ident: $k:literal,)* }
        $method:ident $path:literal $(($($arg:tt),+))?;
        $(version $version:literal;)?
        response $reader:ident $response:ty;
        error $error:ty;
    ) => {
        impl $crate::Operation for $name {
            type Response = $response;
            type Error = $error;

            #[inline]
            fn request(&self) -> $crate::Request {
                #[allow(unused_mut)]
                let mut form = $crate::form::Form::new();
                $(form.field($k, &self.$f);)*
                #[allow(unused_mut)]
                let mut request = $crate::Request::new(
                    $crate::operation!(@method $method),
                    $crate::operation!(@path self $path $(($($arg),+))?),
                    form,
                );
                $(request.set_header($crate::request::header::STRIPE_VERSION, $version);)?
                request
            }

            $crate::operation!(@parse [$($serde_only)?] $reader);
        }
    };

    (@method GET) => { $crate::Method::Get };
    (@method POST) => { $crate::Method::Post };
    (@method DELETE) => { $crate::Method::Delete };

    // `self` comes in as `$s`, from the expansion whose `request` has it.
    (@path $s:tt $path:literal) => {
        ::std::string::String::from($path)
    };
    (@path $s:tt $path:literal ($($arg:tt),+)) => {
        ::std::format!($path, $($crate::operation!(@arg $s $arg)),+)
    };
    (@arg $s:tt $field:ident) => {
        $crate::request::path_segment($s.$field.as_str())
    };
    (@arg $s:tt $value:literal) => { $value };

    (@parse [serde_only] $reader:ident) => {
        $crate::operation!(@parse_fn $reader serde);
    };
    (@parse [] $reader:ident) => {
        $crate::__if_json! {
            { $crate::operation!(@parse_fn $reader own); }
            else { $crate::operation!(@parse_fn $reader serde); }
        }
    };
    (@parse_fn json serde) => { $crate::operation!(@parse_with parse_json); };
    (@parse_fn json own) => { $crate::operation!(@parse_with read_json); };
    (@parse_fn bytes serde) => { $crate::operation!(@parse_with parse_bytes); };
    (@parse_fn bytes own) => { $crate::operation!(@parse_with read_bytes); };
    (@parse_with $function:ident) => {
        #[inline]
        fn parse(
            status: u16,
            body: &[u8],
        ) -> ::core::result::Result<Self::Response, $crate::ResponseError<Self::Error>> {
            $crate::__private::$function(status, body)
        }
    };
}

/// The [`Encode`](crate::form::Encode) impl of a parameter object: each
/// field under its key, in this order.
///
/// ```text
/// stripe_types::form_object! {
///     Name {
///         field: "key",
///     }
/// }
/// ```
#[macro_export]
macro_rules! form_object {
    ($name:ident { $($f:ident: $k:literal,)* }) => {
        impl $crate::form::Encode for $name {
            #[inline]
            #[allow(unused_variables)]
            fn encode(&self, form: &mut $crate::form::Form) {
                $(form.field($k, &self.$f);)*
            }
        }
    };
}

/// `as_str`, `Eq` and the [`Encode`](crate::form::Encode) impl of a
/// closed string enum of parameter values.
///
/// ```text
/// stripe_types::form_enum! {
///     Name {
///         Variant = "value",
///     }
/// }
/// ```
#[macro_export]
macro_rules! form_enum {
    ($name:ident { $($v:ident = $w:literal,)* }) => {
        impl $name {
            /// The value as Stripe spells it.
            #[inline]
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Self::$v => $w,)*
                }
            }
        }

        impl $crate::form::Encode for $name {
            #[inline]
            fn encode(&self, form: &mut $crate::form::Form) {
                form.value(self.as_str());
            }
        }

        // Not derived: a derived `Eq` has a method, compiled in every
        // crate whether or not it is called.
        impl ::core::cmp::Eq for $name {}
    };
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use crate::{Method, Operation, Request, ResponseError};

    #[derive(Clone, Copy, Debug, PartialEq)]
    enum Color {
        Red,
        LightBlue,
    }

    crate::form_enum! {
        Color {
            Red = "red",
            LightBlue = "light blue",
        }
    }

    struct Size {
        width: Option<i64>,
        unit: Option<Color>,
    }

    crate::form_object! {
        Size {
            width: "width",
            unit: "unit",
        }
    }

    struct Nothing {}

    crate::form_object! { Nothing {} }

    struct Polish {
        widget: String,
        size: Option<Size>,
        colors: Vec<Color>,
    }

    crate::operation! {
        serde_only Polish {
            size: "size",
            colors: "colors",
        }
        POST "/v1/widgets/{}/polish/{}" (widget, "{side}");
        version "2026-07-29.dahlia";
        response json Value;
        error Value;
    }

    struct Search {
        limit: Option<i64>,
    }

    crate::operation! {
        serde_only Search {
            limit: "limit",
        }
        GET "/v1/widgets/search";
        response json crate::List<Value>;
        error Value;
    }

    struct Pdf {
        widget: String,
    }

    crate::operation! {
        serde_only Pdf {}
        DELETE "/v1/widgets/{}/pdf" (widget);
        response bytes Vec<u8>;
        error Value;
    }

    /// The reader a crate built with its `json` feature gets.
    struct Own;

    impl Operation for Own {
        type Response = Value;
        type Error = Value;

        fn request(&self) -> Request {
            Request::new(Method::Get, String::new(), crate::form::Form::new())
        }

        crate::operation!(@parse_fn json own);
    }

    #[test]
    fn form_enums_and_objects_encode_their_keys_in_order() {
        fn eq<T: Eq>() {}
        eq::<Color>();
        assert_eq!(Color::LightBlue.as_str(), "light blue");
        let mut form = crate::form::Form::new();
        form.field(
            "size",
            &Size {
                width: Some(3),
                unit: Some(Color::LightBlue),
            },
        );
        form.field("none", &Nothing {});
        form.field(
            "unset",
            &Size {
                width: None,
                unit: None,
            },
        );
        assert_eq!(form.finish(), "size[width]=3&size[unit]=light%20blue");
    }

    #[test]
    fn operations_fill_their_path_and_send_their_parameters() {
        let polish = Polish {
            widget: "wd/1 2".into(),
            size: Some(Size {
                width: None,
                unit: Some(Color::Red),
            }),
            colors: vec![Color::Red, Color::LightBlue],
        };
        assert_eq!(
            polish.request(),
            Request {
                method: Method::Post,
                path: "/v1/widgets/wd%2F1%202/polish/{side}".into(),
                query: String::new(),
                body: Some("size[unit]=red&colors[0]=red&colors[1]=light%20blue".into()),
                headers: vec![("Stripe-Version", "2026-07-29.dahlia".into())],
            }
        );
        let search = Search { limit: Some(5) };
        let request = search.request();
        assert_eq!(
            (request.method, request.path_and_query(), request.body),
            (Method::Get, "/v1/widgets/search?limit=5".into(), None)
        );
        // Without a version line, no header.
        assert!(request.headers.is_empty());
        let pdf = Pdf {
            widget: "wd".into(),
        }
        .request();
        assert_eq!(
            (pdf.method, pdf.path_and_query()),
            (Method::Delete, "/v1/widgets/wd/pdf".into())
        );
    }

    #[test]
    fn operations_read_their_answers() {
        let body = br#"{"object":"list","data":[{"id":"a"}],"has_more":false,"url":"/v1/widgets"}"#;
        let page = Search::parse(200, body).unwrap();
        assert_eq!(page.data, vec![json!({"id": "a"})]);
        assert_eq!(Pdf::parse(200, b"%PDF").unwrap(), b"%PDF".to_vec());
        let error = br#"{"error":{"type":"invalid_request_error"}}"#;
        for answer in [
            Polish::parse(404, error).map(|_| ()),
            Pdf::parse(404, error).map(|_| ()),
            Own::parse(404, error).map(|_| ()),
        ] {
            let Err(ResponseError::Api { status, error, .. }) = answer else {
                panic!("{answer:?}");
            };
            assert_eq!(
                (status, *error),
                (404, json!({"error": {"type": "invalid_request_error"}}))
            );
        }
        assert_eq!(
            Own::parse(200, br#"{"id":"a"}"#).unwrap(),
            json!({"id": "a"})
        );
        assert!(matches!(
            Own::parse(200, b"<html>"),
            Err(ResponseError::Body { status: 200, .. })
        ));
    }
}
