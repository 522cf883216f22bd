use std::fmt;

use serde::de::{DeserializeOwned, MapAccess};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::de::{self, ExpectTag, Fields, Placeholder, RawJson};
use crate::UnknownFields;

/// One page of a list (`"object": "list"`), such as the answer of
/// `ListIdentityVerificationSession`.
///
/// Read and written back exactly as the other generated types are: keys
/// this version does not know are kept in `unknown_fields`. The list
/// operations have a `next_page` method that gives the parameters of the
/// page after this one.
#[derive(Clone, PartialEq)]
pub struct List<T> {
    /// The objects of this page.
    pub data: Vec<T>,
    /// Whether there are more objects after this page.
    pub has_more: bool,
    /// The URL of the list, such as `/v1/identity/verification_sessions`.
    pub url: String,
    /// Keys this version of the types does not know, with their values.
    pub unknown_fields: UnknownFields,
}

impl<T: fmt::Debug> fmt::Debug for List<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("List")
            .field("data", &self.data)
            .field("has_more", &self.has_more)
            .field("url", &self.url)
            .field("unknown_fields", &self.unknown_fields)
            .finish()
    }
}

impl<T: Serialize> Serialize for List<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(4 + self.unknown_fields.len()))?;
        map.serialize_entry("data", &self.data)?;
        map.serialize_entry("has_more", &self.has_more)?;
        map.serialize_entry("object", "list")?;
        map.serialize_entry("url", &self.url)?;
        self.unknown_fields.serialize_entries(&mut map)?;
        map.end()
    }
}

const DATA: usize = 0;
const HAS_MORE: usize = 1;
const OBJECT: usize = 2;
const URL: usize = 3;

impl<T> Placeholder for List<T> {
    fn placeholder() -> Self {
        List {
            data: Vec::new(),
            has_more: false,
            url: String::new(),
            unknown_fields: UnknownFields::default(),
        }
    }
}

impl<'de, T: DeserializeOwned> Fields<'de> for List<T> {
    const NAME: &'static str = "List";
    const FIELDS: &'static [&'static str] = &["data", "has_more", "object", "url"];
    const REQUIRED: &'static [bool] = &[true; 4];

    fn set<A: MapAccess<'de>>(&mut self, field: usize, map: &mut A) -> Result<(), A::Error> {
        match field {
            DATA => self.data = map.next_value()?,
            HAS_MORE => self.has_more = map.next_value()?,
            OBJECT => map.next_value_seed(ExpectTag("list"))?,
            URL => self.url = map.next_value()?,
            _ => {}
        }
        Ok(())
    }

    const KEEP_UNKNOWN: bool = true;

    fn unknown(&mut self, key: String, value: RawJson) {
        self.unknown_fields.insert(key, value);
    }
}

impl<'de, T: DeserializeOwned> Deserialize<'de> for List<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        de::deserialize_object(deserializer)
    }
}

impl<T: DeserializeOwned + crate::json::FromJson> crate::json::ReadFields for List<T> {
    fn read_field(
        &mut self,
        field: usize,
        r: &mut crate::json::Reader<'_>,
    ) -> crate::json::Result<()> {
        use crate::json::FromJson;
        match field {
            DATA => self.data = FromJson::read(r)?,
            HAS_MORE => self.has_more = FromJson::read(r)?,
            OBJECT => crate::json::expect_tag(r, "list")?,
            _ => self.url = FromJson::read(r)?,
        }
        Ok(())
    }
}

impl<T: DeserializeOwned + crate::json::FromJson> crate::json::FromJson for List<T> {
    fn read(r: &mut crate::json::Reader<'_>) -> crate::json::Result<Self> {
        let mut out = List::placeholder();
        crate::json::fill_object(&mut out, r)?;
        Ok(out)
    }
}

impl<T: crate::json::ToJson> crate::json::ToJson for List<T> {
    fn write(&self, w: &mut crate::json::Writer) {
        let mut o = w.object();
        o.entry("data", &self.data);
        o.entry("has_more", &self.has_more);
        o.entry("object", "list");
        o.entry("url", &self.url);
        self.unknown_fields.write_entries(&mut o);
        o.end();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_json_reader_and_writer_read_and_write_pages_as_serde_does() {
        let text = r#"{"data":[1,2],"has_more":true,"object":"list","url":"/v1/things","total":2}"#;
        let list: List<i64> = crate::json::from_str(text).unwrap();
        assert_eq!(list, serde_json::from_str::<List<i64>>(text).unwrap());
        assert_eq!(crate::json::to_string(&list), text);
        for bad in [
            r#"{"data":[],"has_more":false,"url":"/"}"#,
            r#"{"data":[],"has_more":false,"object":"card","url":"/"}"#,
            r#"{"data":["x"],"has_more":false,"object":"list","url":"/"}"#,
        ] {
            assert!(crate::json::from_str::<List<i64>>(bad).is_err(), "{bad}");
            assert!(serde_json::from_str::<List<i64>>(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_page_is_written_back_as_it_came() {
        let text = r#"{"data":[1,2],"has_more":true,"object":"list","url":"/v1/things","total":2}"#;
        let list: List<i64> = serde_json::from_str(text).unwrap();
        assert_eq!(list.data, [1, 2]);
        assert!(list.has_more);
        assert_eq!(list.unknown_fields.len(), 1);
        assert_eq!(serde_json::to_string(&list).unwrap(), text);
    }

    #[test]
    fn a_page_needs_its_keys() {
        let e = serde_json::from_str::<List<i64>>(r#"{"data":[],"has_more":false,"url":"/"}"#)
            .unwrap_err();
        assert!(e.to_string().contains("missing field `object`"), "{e}");
        let e = serde_json::from_str::<List<i64>>(
            r#"{"data":[],"has_more":false,"object":"card","url":"/"}"#,
        )
        .unwrap_err();
        assert!(e.to_string().contains("\"list\""), "{e}");
        let e = serde_json::from_str::<List<i64>>(r#"{"data":[],"object":"list","url":"/"}"#)
            .unwrap_err();
        assert!(e.to_string().contains("has_more"), "{e}");
    }
}
