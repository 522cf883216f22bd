use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A point in time as Stripe sends it: whole seconds since the Unix epoch
/// (the spec's `format: unix-time`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(pub i64);

impl Timestamp {
    /// Seconds since the Unix epoch (negative before 1970).
    pub const fn as_secs(self) -> i64 {
        self.0
    }

    /// The same instant as a [`SystemTime`], or `None` where the
    /// platform's clock cannot hold it (Windows' ends in the year 30828;
    /// any `i64` second count fits Linux's). Never panics.
    pub fn to_system_time(self) -> Option<SystemTime> {
        offset(UNIX_EPOCH, self.0)
    }
}

/// `base` moved by `secs` seconds, if the clock can hold the result.
fn offset(base: SystemTime, secs: i64) -> Option<SystemTime> {
    let by = Duration::from_secs(secs.unsigned_abs());
    if secs >= 0 {
        base.checked_add(by)
    } else {
        base.checked_sub(by)
    }
}

impl From<i64> for Timestamp {
    fn from(secs: i64) -> Self {
        Timestamp(secs)
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_i64(self.0)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        i64::deserialize(deserializer).map(Timestamp)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_as_a_plain_integer() {
        let t: Timestamp = serde_json::from_str("1234567890").unwrap();
        assert_eq!(t.as_secs(), 1234567890);
        assert_eq!(serde_json::to_string(&t).unwrap(), "1234567890");
        assert!(serde_json::from_str::<Timestamp>("\"1234567890\"").is_err());
    }

    #[test]
    fn converts_to_system_time_on_both_sides_of_the_epoch() {
        assert_eq!(
            Timestamp(10).to_system_time(),
            Some(UNIX_EPOCH + Duration::from_secs(10))
        );
        assert_eq!(
            Timestamp(-10).to_system_time(),
            Some(UNIX_EPOCH - Duration::from_secs(10))
        );
    }

    #[test]
    fn a_time_past_the_clock_is_none_not_a_panic() {
        // The latest instant this platform's clock holds: one second more
        // does not fit, whatever the platform (`+` panicked here).
        let mut last = UNIX_EPOCH;
        let mut step = Duration::from_secs(1 << 62);
        while step >= Duration::from_secs(1) {
            if let Some(later) = last.checked_add(step) {
                last = later;
            } else {
                step /= 2;
            }
        }
        assert_eq!(offset(last, 1), None);
        assert_eq!(offset(last, 0), Some(last));
        assert!(offset(last, -1).is_some());
        // And every i64 second count either converts or says it cannot.
        for secs in [i64::MAX, i64::MIN, i64::MIN + 1, -1, 0] {
            if let Some(t) = Timestamp(secs).to_system_time() {
                let back = match t.duration_since(UNIX_EPOCH) {
                    Ok(after) => i128::from(after.as_secs()),
                    Err(before) => -i128::from(before.duration().as_secs()),
                };
                assert_eq!(back, i128::from(secs));
            }
        }
    }
}
