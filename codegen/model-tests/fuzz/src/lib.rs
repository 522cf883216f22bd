//! The property every fuzz target checks, on one input: parsing never
//! panics (nor overflows the stack), and what is accepted is written back
//! as the same JSON.

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

/// Parses `data` as `T`; if accepted, checks that it is written back as
/// the same JSON value (where `Value` can hold both: numbers past `f64`
/// are kept as text by the types).
pub fn check<T: DeserializeOwned + Serialize>(data: &[u8]) {
    let Ok(typed) = serde_json::from_slice::<T>(data) else {
        return;
    };
    let back = serde_json::to_vec(&typed).expect("an accepted value serializes");
    if let (Ok(original), Ok(written)) = (
        serde_json::from_slice::<Value>(data),
        serde_json::from_slice::<Value>(&back),
    ) {
        assert_eq!(original, written, "written back differently");
    }
}
