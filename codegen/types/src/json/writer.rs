//! Writing JSON without serde, byte for byte as `serde_json::to_string`
//! writes the same value: a writer per type that is not generic, compiled
//! once in the crate that defines the type (the counterpart of
//! [`FromJson`](super::FromJson)).

use std::collections::BTreeMap;

/// A type written as JSON by [`Writer`].
pub trait ToJson {
    /// Writes the value.
    fn write(&self, w: &mut Writer);
}

/// The JSON text being written.
pub struct Writer {
    out: String,
}

impl Default for Writer {
    /// An empty writer, with room for a small object (as `serde_json`
    /// starts).
    fn default() -> Writer {
        Writer {
            out: String::with_capacity(128),
        }
    }
}

/// Writes `value` as JSON text.
pub fn to_string<T: ToJson + ?Sized>(value: &T) -> String {
    let mut w = Writer::default();
    value.write(&mut w);
    w.out
}

impl Writer {
    /// The text written so far.
    pub fn as_str(&self) -> &str {
        &self.out
    }

    /// Writes JSON text as it is (a value kept as the text that came).
    pub fn raw(&mut self, text: &str) {
        self.out.push_str(text);
    }

    /// Writes `null`.
    pub fn null(&mut self) {
        self.out.push_str("null");
    }

    /// Writes a string, escaped as `serde_json` escapes it: quotes,
    /// backslashes and control characters only.
    pub fn string(&mut self, s: &str) {
        self.out.push('"');
        let bytes = s.as_bytes();
        let mut at = 0;
        loop {
            let end = super::reader::plain_run(bytes, at);
            self.out.push_str(s.get(at..end).unwrap_or_default());
            let Some(&b) = bytes.get(end) else {
                break;
            };
            match b {
                b'"' => self.out.push_str("\\\""),
                b'\\' => self.out.push_str("\\\\"),
                b'\n' => self.out.push_str("\\n"),
                b'\r' => self.out.push_str("\\r"),
                b'\t' => self.out.push_str("\\t"),
                0x08 => self.out.push_str("\\b"),
                0x0c => self.out.push_str("\\f"),
                _ => {
                    const HEX: &[u8; 16] = b"0123456789abcdef";
                    self.out.push_str("\\u00");
                    self.out.push(char::from(HEX[usize::from(b >> 4)]));
                    self.out.push(char::from(HEX[usize::from(b & 0xf)]));
                }
            }
            at = end + 1;
        }
        self.out.push('"');
    }

    /// Starts an object; its entries go through the [`ObjectWriter`].
    pub fn object(&mut self) -> ObjectWriter<'_> {
        self.out.push('{');
        ObjectWriter {
            w: self,
            first: true,
        }
    }
}

/// The entries of an object being written; the closing brace is written
/// by [`ObjectWriter::end`].
pub struct ObjectWriter<'w> {
    w: &'w mut Writer,
    first: bool,
}

impl ObjectWriter<'_> {
    /// Writes a key and its colon.
    fn key(&mut self, key: &str) {
        if !std::mem::take(&mut self.first) {
            self.w.out.push(',');
        }
        self.w.string(key);
        self.w.out.push(':');
    }

    /// Writes one entry.
    #[inline]
    pub fn entry<T: ToJson + ?Sized>(&mut self, key: &str, value: &T) {
        self.key(key);
        value.write(self.w);
    }

    /// Writes one entry whose value is JSON text as it came.
    pub fn raw_entry(&mut self, key: &str, text: &str) {
        self.key(key);
        self.w.raw(text);
    }

    /// Writes the closing brace.
    pub fn end(self) {
        self.w.out.push('}');
    }
}

impl ToJson for str {
    fn write(&self, w: &mut Writer) {
        w.string(self);
    }
}

impl ToJson for String {
    #[inline]
    fn write(&self, w: &mut Writer) {
        w.string(self);
    }
}

impl ToJson for bool {
    fn write(&self, w: &mut Writer) {
        w.raw(if *self { "true" } else { "false" });
    }
}

impl ToJson for i64 {
    fn write(&self, w: &mut Writer) {
        // The digits from the last, without the formatting machinery.
        let mut digits = [0u8; 20];
        let mut at = digits.len();
        let mut n = self.unsigned_abs();
        loop {
            at -= 1;
            digits[at] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        if *self < 0 {
            w.out.push('-');
        }
        for &d in &digits[at..] {
            w.out.push(char::from(d));
        }
    }
}

impl ToJson for crate::Timestamp {
    fn write(&self, w: &mut Writer) {
        self.0.write(w);
    }
}

impl ToJson for crate::Number {
    fn write(&self, w: &mut Writer) {
        match self.text() {
            Some(text) => w.raw(text),
            // serde_json's own float formatting (and `null` where it is
            // not finite), compiled once here.
            None => match serde_json::to_string(&self.as_f64()) {
                Ok(text) => w.raw(&text),
                Err(_) => w.null(),
            },
        }
    }
}

impl<T> ToJson for crate::Id<T> {
    fn write(&self, w: &mut Writer) {
        w.string(self.as_str());
    }
}

impl ToJson for crate::ObjectId {
    fn write(&self, w: &mut Writer) {
        w.string(self.as_str());
    }
}

impl ToJson for crate::RawObject {
    fn write(&self, w: &mut Writer) {
        w.raw(self.get());
    }
}

impl ToJson for serde_json::Value {
    fn write(&self, w: &mut Writer) {
        match serde_json::to_string(self) {
            Ok(text) => w.raw(&text),
            Err(_) => w.null(),
        }
    }
}

impl<T: ToJson> ToJson for Option<T> {
    #[inline]
    fn write(&self, w: &mut Writer) {
        match self {
            Some(value) => value.write(w),
            None => w.null(),
        }
    }
}

/// `null` for [`Nullable::Null`](crate::Nullable::Null); a struct leaves
/// an absent field out before it gets here.
impl<T: ToJson> ToJson for crate::Nullable<T> {
    #[inline]
    fn write(&self, w: &mut Writer) {
        match self {
            crate::Nullable::Value(value) => value.write(w),
            crate::Nullable::Null | crate::Nullable::Absent => w.null(),
        }
    }
}

impl<T: ToJson + ?Sized> ToJson for Box<T> {
    #[inline]
    fn write(&self, w: &mut Writer) {
        (**self).write(w);
    }
}

impl<T: ToJson> ToJson for Vec<T> {
    fn write(&self, w: &mut Writer) {
        w.out.push('[');
        for (i, item) in self.iter().enumerate() {
            if i > 0 {
                w.out.push(',');
            }
            item.write(w);
        }
        w.out.push(']');
    }
}

impl<T: ToJson> ToJson for BTreeMap<String, T> {
    fn write(&self, w: &mut Writer) {
        let mut o = w.object();
        for (key, value) in self {
            o.entry(key, value);
        }
        o.end();
    }
}

impl<T: crate::Object + ToJson> ToJson for crate::Expandable<T>
where
    T::Id: ToJson,
{
    fn write(&self, w: &mut Writer) {
        match self {
            crate::Expandable::Id(id) => id.write(w),
            crate::Expandable::Object(object) => object.write(w),
        }
    }
}

impl crate::UnknownFields {
    /// Writes the unknown keys, as they came, into an object being written.
    pub fn write_entries(&self, o: &mut ObjectWriter<'_>) {
        for (key, value) in self.iter() {
            o.raw_entry(key, value.get());
        }
    }
}
