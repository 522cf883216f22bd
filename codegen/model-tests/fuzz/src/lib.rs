//! The property every fuzz target checks, on one input: parsing never
//! panics (nor overflows the stack), what is accepted is written back as
//! the same JSON, and the types' own JSON reader (`from_json`'s) agrees
//! with the serde path.

pub mod webhook;

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
use stripe_types::__private::json::{FromJson, ToJson};

/// Parses `data` as `T` with both readers: both refuse it, or both accept
/// it and write it back byte for byte alike; if accepted, checks that it
/// is written back as the same JSON value (where `Value` can hold both:
/// numbers past `f64` are kept as text by the types).
pub fn check<T: DeserializeOwned + Serialize + FromJson + ToJson>(data: &[u8]) {
    let serde = serde_json::from_slice::<T>(data);
    let ours = std::str::from_utf8(data)
        .ok()
        .map(|text| stripe_types::__private::json::from_str::<T>(text));
    let typed = match (serde, ours) {
        (Ok(typed), Some(Ok(ours))) => {
            assert_eq!(
                serde_json::to_vec(&typed).expect("an accepted value serializes"),
                serde_json::to_vec(&ours).expect("an accepted value serializes"),
                "the readers differ"
            );
            assert_eq!(
                stripe_types::__private::json::to_string(&ours).into_bytes(),
                serde_json::to_vec(&ours).expect("an accepted value serializes"),
                "the writers differ"
            );
            typed
        }
        (Err(_), None | Some(Err(_))) => return,
        (serde, ours) => panic!(
            "the readers disagree: serde {:?}, ours {:?}",
            serde.err(),
            ours.map(|r| r.err())
        ),
    };
    let back = serde_json::to_vec(&typed).expect("an accepted value serializes");
    if let (Ok(original), Ok(written)) = (
        serde_json::from_slice::<Value>(data),
        serde_json::from_slice::<Value>(&back),
    ) {
        assert_eq!(original, written, "written back differently");
    }
}
