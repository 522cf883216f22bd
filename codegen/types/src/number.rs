use std::cmp::Ordering;
use std::fmt;

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::value::RawValue;

/// A number of a `type: number` field: an `f64` to compute with, written
/// back as it came. Where the `f64` would be written otherwise (`19`, which
/// an `f64` writes as `19.0`; `19.50`; `1e3`) the number's text is kept
/// beside it; where it would not (`19.5`), nothing is.
///
/// ```
/// use stripe_types::Number;
///
/// let rate: Number = serde_json::from_str("19").unwrap();
/// assert_eq!(rate.as_f64() * 2.0, 38.0);
/// assert_eq!(serde_json::to_string(&rate).unwrap(), "19");
/// assert_eq!(Number::from(19.0), rate);
/// assert_eq!(serde_json::to_string(&Number::from(19.0)).unwrap(), "19.0");
/// ```
#[derive(Clone, Default)]
pub struct Number {
    value: f64,
    /// The text it came as, when the `f64` would be written otherwise.
    text: Option<Box<RawValue>>,
}

impl Number {
    /// The value.
    pub fn as_f64(&self) -> f64 {
        self.value
    }

    /// The text the number came as, if the `f64` would be written
    /// otherwise.
    pub fn text(&self) -> Option<&str> {
        self.text.as_deref().map(RawValue::get)
    }
}

impl Number {
    /// A number from its JSON text, for both readers: the `f64` as
    /// `serde_json` reads it, the text kept where the `f64` would be
    /// written otherwise.
    pub(crate) fn from_text(text: &str) -> Result<Number, String> {
        let value: f64 = serde_json::from_str(text)
            .map_err(|_| format!("invalid type: {}, expected a number", shown(text)))?;
        let same = serde_json::to_string(&value).is_ok_and(|written| written == text);
        let text = match same {
            true => None,
            false => Some(RawValue::from_string(text.to_owned()).map_err(|e| e.to_string())?),
        };
        Ok(Number { value, text })
    }
}

impl From<f64> for Number {
    fn from(value: f64) -> Self {
        Number { value, text: None }
    }
}

impl From<Number> for f64 {
    fn from(number: Number) -> Self {
        number.value
    }
}

/// Numbers compare by value: `19` and `19.0` are equal.
impl PartialEq for Number {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}

impl PartialOrd for Number {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        self.value.partial_cmp(&other.value)
    }
}

impl fmt::Debug for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.text() {
            Some(text) => f.write_str(text),
            None => fmt::Debug::fmt(&self.value, f),
        }
    }
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.text() {
            Some(text) => f.write_str(text),
            None => fmt::Display::fmt(&self.value, f),
        }
    }
}

impl Serialize for Number {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match &self.text {
            Some(text) => text.serialize(serializer),
            None => serializer.serialize_f64(self.value),
        }
    }
}

impl<'de> Deserialize<'de> for Number {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = Box::<RawValue>::deserialize(deserializer)?;
        Number::from_text(raw.get()).map_err(D::Error::custom)
    }
}

/// A JSON value in an error message, cut short.
fn shown(text: &str) -> String {
    let mut out: String = text.chars().take(40).collect();
    if out.len() < text.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(text: &str) -> (Number, String) {
        let n: Number = serde_json::from_str(text).unwrap();
        let back = serde_json::to_string(&n).unwrap();
        (n, back)
    }

    #[test]
    fn numbers_come_back_as_they_came() {
        for text in [
            "19",
            "19.50",
            "1e3",
            "-0",
            "19.5",
            "0.1",
            "1.7976931348623157e308",
        ] {
            let (n, back) = round_trip(text);
            assert_eq!(back, text);
            assert_eq!(n.as_f64(), text.parse::<f64>().unwrap());
        }
        // Only a text f64 would write otherwise is kept.
        assert_eq!(round_trip("19.5").0.text(), None);
        assert_eq!(round_trip("19").0.text(), Some("19"));
    }

    #[test]
    fn anything_else_is_an_error() {
        let e = serde_json::from_str::<Number>(r#""19""#).unwrap_err();
        assert!(
            e.to_string()
                .starts_with(r#"invalid type: "19", expected a number"#),
            "{e}"
        );
        assert!(serde_json::from_str::<Number>("null").is_err());
        assert!(serde_json::from_str::<Number>("[1]").is_err());
    }

    #[test]
    fn from_a_value_too() {
        let n: Number = serde_json::from_value(serde_json::json!(19)).unwrap();
        assert_eq!(serde_json::to_string(&n).unwrap(), "19");
    }
}
