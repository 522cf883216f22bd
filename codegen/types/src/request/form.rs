//! Stripe's form encoding of request parameters.
//!
//! Stripe reads `application/x-www-form-urlencoded` bodies (and query
//! strings) the way Rack does: nested objects and arrays are spelt with
//! brackets in the key, such as `options[document][allowed_types][0]=passport`,
//! `metadata[order_id]=6735` and `expand[0]=last_verification_report`.
//! Booleans are `true`/`false`, timestamps are Unix seconds, and an empty
//! value (`metadata=`) unsets a field.
//!
//! Keys and values are percent-encoded byte by byte, keeping only RFC 3986's
//! unreserved characters (`A-Z a-z 0-9 - . _ ~`), as Stripe's own libraries
//! do; a space is `%20`. The brackets that give the structure are written
//! as they are, and brackets inside a key of the user's (a metadata key
//! `a[b]`) are escaped, so they cannot be mistaken for structure.

use std::collections::BTreeMap;

/// A value that can be written as form parameters under a key.
pub trait Encode {
    /// Writes `self` under the key `form` is at.
    fn encode(&self, form: &mut Form);
}

/// A form body or query string being written.
#[derive(Clone, Debug, Default)]
pub struct Form {
    out: String,
    key: String,
}

impl Form {
    /// An empty form.
    pub fn new() -> Self {
        Self::default()
    }

    /// Writes `value` under the field `name` of the current key: `name`
    /// at the top level, `key[name]` below it.
    pub fn field<T: Encode + ?Sized>(&mut self, name: &str, value: &T) {
        let len = self.key.len();
        if len == 0 {
            escape(name, &mut self.key);
        } else {
            self.key.push('[');
            escape(name, &mut self.key);
            self.key.push(']');
        }
        value.encode(self);
        self.key.truncate(len);
    }

    /// Writes `value` as the element `index` of the array at the current
    /// key: `key[index]`.
    pub fn element<T: Encode + ?Sized>(&mut self, index: usize, value: &T) {
        let len = self.key.len();
        self.key.push('[');
        self.key.push_str(&index.to_string());
        self.key.push(']');
        value.encode(self);
        self.key.truncate(len);
    }

    /// Writes one `key=value` pair at the current key.
    pub fn value(&mut self, value: &str) {
        if !self.out.is_empty() {
            self.out.push('&');
        }
        self.out.push_str(&self.key);
        self.out.push('=');
        escape(value, &mut self.out);
    }

    /// Whether nothing was written.
    pub fn is_empty(&self) -> bool {
        self.out.is_empty()
    }

    /// The encoded pairs, joined by `&`.
    pub fn finish(self) -> String {
        self.out
    }
}

/// Percent-encodes `text` onto `out`, keeping RFC 3986's unreserved
/// characters.
pub fn escape(text: &str, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for &b in text.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 15)]));
        }
    }
}

impl Encode for str {
    fn encode(&self, form: &mut Form) {
        form.value(self);
    }
}

impl Encode for String {
    fn encode(&self, form: &mut Form) {
        form.value(self);
    }
}

impl Encode for bool {
    fn encode(&self, form: &mut Form) {
        form.value(if *self { "true" } else { "false" });
    }
}

impl Encode for i64 {
    fn encode(&self, form: &mut Form) {
        form.value(&self.to_string());
    }
}

impl Encode for crate::Number {
    fn encode(&self, form: &mut Form) {
        form.value(&self.to_string());
    }
}

impl Encode for crate::Timestamp {
    fn encode(&self, form: &mut Form) {
        form.value(&self.0.to_string());
    }
}

impl<T> Encode for crate::Id<T> {
    fn encode(&self, form: &mut Form) {
        form.value(self.as_str());
    }
}

impl<T: Encode + ?Sized> Encode for &T {
    fn encode(&self, form: &mut Form) {
        (**self).encode(form);
    }
}

impl<T: Encode + ?Sized> Encode for Box<T> {
    fn encode(&self, form: &mut Form) {
        (**self).encode(form);
    }
}

/// Absent: nothing is written.
impl<T: Encode> Encode for Option<T> {
    fn encode(&self, form: &mut Form) {
        if let Some(value) = self {
            value.encode(form);
        }
    }
}

/// `key[0]=...&key[1]=...`; an empty list writes nothing.
impl<T: Encode> Encode for Vec<T> {
    fn encode(&self, form: &mut Form) {
        for (i, value) in self.iter().enumerate() {
            form.element(i, value);
        }
    }
}

/// `key[name]=...` for each entry, in key order.
impl<T: Encode> Encode for BTreeMap<String, T> {
    fn encode(&self, form: &mut Form) {
        for (name, value) in self {
            form.field(name, value);
        }
    }
}

/// Free-form values (a parameter the spec gives no type): objects and
/// arrays nest, `null` is left out.
impl Encode for serde_json::Value {
    fn encode(&self, form: &mut Form) {
        use serde_json::Value;
        match self {
            Value::Null => {}
            Value::Bool(b) => b.encode(form),
            Value::Number(n) => form.value(&n.to_string()),
            Value::String(s) => form.value(s),
            Value::Array(items) => {
                for (i, v) in items.iter().enumerate() {
                    form.element(i, v);
                }
            }
            Value::Object(map) => {
                for (k, v) in map {
                    form.field(k, v);
                }
            }
        }
    }
}

/// Encodes the fields of a parameters struct as a whole form.
pub fn to_string<T: Encode + ?Sized>(value: &T) -> String {
    let mut form = Form::new();
    value.encode(&mut form);
    form.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Document {
        allowed_types: Vec<&'static str>,
        require_live_capture: Option<bool>,
    }

    impl Encode for Document {
        fn encode(&self, form: &mut Form) {
            form.field("allowed_types", &self.allowed_types);
            form.field("require_live_capture", &self.require_live_capture);
        }
    }

    #[test]
    fn nested_objects_and_arrays_use_brackets() {
        let mut form = Form::new();
        let document = Document {
            allowed_types: vec!["passport", "id_card"],
            require_live_capture: Some(true),
        };
        form.field("type", "document");
        let mut nested = BTreeMap::new();
        nested.insert("document".to_string(), &document);
        form.field("options", &nested);
        form.field("expand", &vec!["last_verification_report".to_string()]);
        assert_eq!(
            form.finish(),
            "type=document\
             &options[document][allowed_types][0]=passport\
             &options[document][allowed_types][1]=id_card\
             &options[document][require_live_capture]=true\
             &expand[0]=last_verification_report"
        );
    }

    #[test]
    fn reserved_characters_are_escaped_in_keys_and_values() {
        let mut metadata = BTreeMap::new();
        metadata.insert("order id".to_string(), "a&b=c".to_string());
        metadata.insert("x[y]".to_string(), "ü+€ 1/2".to_string());
        metadata.insert("safe-._~".to_string(), String::new());
        let mut form = Form::new();
        form.field("metadata", &metadata);
        assert_eq!(
            form.finish(),
            "metadata[order%20id]=a%26b%3Dc\
             &metadata[safe-._~]=\
             &metadata[x%5By%5D]=%C3%BC%2B%E2%82%AC%201%2F2"
        );
    }

    #[test]
    fn scalars_are_written_as_stripe_reads_them() {
        let mut form = Form::new();
        form.field("flag", &false);
        form.field("limit", &10_i64);
        form.field("negative", &-3_i64);
        form.field("created", &crate::Timestamp(1_700_000_000));
        form.field("none", &None::<bool>);
        form.field("empty_list", &Vec::<String>::new());
        assert_eq!(
            form.finish(),
            "flag=false&limit=10&negative=-3&created=1700000000"
        );
    }
}
