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
/// Optional lines: `body multipart;` after the path sends the parameters
/// as a `multipart/form-data` body ([`Request::multipart`](crate::Request::multipart)),
/// and `host "https://files.stripe.com/";` names the base URL the
/// operation goes to (its `servers` entry). A list operation ends with
/// `pages (id, starting_after, ending_before) Item;`: the
/// [`Paginate`](crate::Paginate) impl, from the objects' id field and the
/// cursor fields (`ending_before` may be left out).
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
#[doc(hidden)]
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
        $(body $body:ident;)?
        $(host $host:literal;)?
        $(version $version:literal;)?
        response $reader:ident $response:ty;
        error $error:ty;
        $(pages ($id:ident, $after:ident $(, $before:ident)?) $item:ty;)?
    ) => {
        impl $crate::Operation for $name {
            type Response = $response;
            type Error = $error;

            #[inline]
            fn request(&self) -> $crate::Request {
                #[allow(unused_mut)]
                let mut form = $crate::operation!(@form $($body)?);
                $(form.field($k, &self.$f);)*
                #[allow(unused_mut)]
                let mut request = $crate::operation!(@request $($body)?
                    $crate::operation!(@method $method),
                    $crate::operation!(@path self $path $(($($arg),+))?),
                    form
                );
                $(request = request.with_host($host);)?
                $(request.set_header($crate::request::header::STRIPE_VERSION, $version);)?
                request
            }

            $crate::operation!(@parse [$($serde_only)?] $reader);
        }

        $($crate::operation!(@pages $name $item, $id, $after $(, $before)?);)?
    };

    (@form) => { $crate::form::Form::new() };
    (@form multipart) => { $crate::form::Form::parts() };
    (@request $method:expr, $path:expr, $form:expr) => {
        $crate::Request::new($method, $path, $form)
    };
    (@request multipart $method:expr, $path:expr, $form:expr) => {
        $crate::Request::multipart($path, $form)
    };

    (@pages $name:ident $item:ty, $id:ident, $after:ident) => {
        impl $crate::Paginate for $name {
            type Item = $item;

            #[inline]
            fn item_id(item: &$item) -> &str {
                item.$id.as_str()
            }

            #[inline]
            fn cursor(&self) -> $crate::request::paging::Cursor<'_> {
                $crate::request::paging::Cursor::Forward(self.$after.as_deref())
            }

            #[inline]
            fn set_cursor(&mut self, id: ::std::string::String) {
                self.$after = Some(id);
            }
        }
    };
    (@pages $name:ident $item:ty, $id:ident, $after:ident, $before:ident) => {
        impl $crate::Paginate for $name {
            type Item = $item;

            #[inline]
            fn item_id(item: &$item) -> &str {
                item.$id.as_str()
            }

            #[inline]
            fn cursor(&self) -> $crate::request::paging::Cursor<'_> {
                match &self.$before {
                    Some(id) => $crate::request::paging::Cursor::Backward(id),
                    None => $crate::request::paging::Cursor::Forward(self.$after.as_deref()),
                }
            }

            #[inline]
            fn set_cursor(&mut self, id: ::std::string::String) {
                match self.$before {
                    Some(_) => self.$before = Some(id),
                    None => self.$after = Some(id),
                }
            }
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
#[doc(hidden)]
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
#[doc(hidden)]
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

    struct Upload {
        file: crate::FileUpload,
        size: Option<Size>,
    }

    crate::operation! {
        serde_only Upload {
            file: "file",
            size: "size",
        }
        POST "/v1/uploads";
        body multipart;
        host "https://uploads.example/";
        response json Value;
        error Value;
    }

    #[derive(Clone, serde::Deserialize)]
    struct Item {
        id: String,
    }

    #[derive(Clone, Default)]
    struct ListItems {
        after: Option<String>,
        before: Option<String>,
    }

    crate::operation! {
        serde_only ListItems {
            after: "starting_after",
            before: "ending_before",
        }
        GET "/v1/items";
        response json crate::List<Value>;
        error Value;
    }

    #[derive(Clone, Default)]
    struct ListForwards {
        after: Option<String>,
    }

    crate::operation! {
        serde_only ListForwards {
            after: "starting_after",
        }
        GET "/v1/items";
        response json crate::List<Item>;
        error Value;
        pages (id, after) Item;
    }

    #[derive(Clone, Default)]
    struct ListBoth {
        after: Option<String>,
        before: Option<String>,
    }

    crate::operation! {
        serde_only ListBoth {
            after: "starting_after",
            before: "ending_before",
        }
        GET "/v1/items";
        response json crate::List<Item>;
        error Value;
        pages (id, after, before) Item;
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
                multipart: None,
                host: None,
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
    fn uploads_are_multipart_and_name_their_host() {
        let upload = Upload {
            file: crate::FileUpload::new(b"\x00\r\n".to_vec(), "a.png", "image/png"),
            size: Some(Size {
                width: Some(2),
                unit: None,
            }),
        };
        let request = upload.request();
        assert_eq!(request.host, Some("https://uploads.example/"));
        assert_eq!(request.body, None);
        let multipart = request.multipart.as_ref().unwrap();
        assert_eq!(
            request.content_type().as_deref(),
            Some(format!("multipart/form-data; boundary={}", multipart.boundary()).as_str())
        );
        let text = String::from_utf8_lossy(multipart.bytes());
        assert!(
            text.contains(
                "name=\"file\"; filename=\"a.png\"\r\nContent-Type: image/png\r\n\r\n\0\r\n\r\n"
            ),
            "{text}"
        );
        assert!(text.contains("name=\"size[width]\"\r\n\r\n2\r\n"), "{text}");
    }

    #[test]
    fn list_operations_page_by_their_cursor_fields() {
        use crate::request::paging::Cursor;
        use crate::Paginate;
        let mut forwards = ListForwards::default();
        assert_eq!(forwards.cursor(), Cursor::Forward(None));
        forwards.set_cursor("a".into());
        assert_eq!(forwards.cursor(), Cursor::Forward(Some("a")));
        let item = Item { id: "it_1".into() };
        assert_eq!(ListForwards::item_id(&item), "it_1");
        let mut both = ListBoth {
            before: Some("b".into()),
            ..Default::default()
        };
        assert_eq!(both.cursor(), Cursor::Backward("b"));
        both.set_cursor("c".into());
        assert_eq!((both.before.as_deref(), both.after), (Some("c"), None));
        let _ = ListItems::default().request();
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
