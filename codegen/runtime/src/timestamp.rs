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

    /// The same instant as a [`SystemTime`].
    pub fn to_system_time(self) -> SystemTime {
        let offset = Duration::from_secs(self.0.unsigned_abs());
        if self.0 >= 0 {
            UNIX_EPOCH + offset
        } else {
            UNIX_EPOCH - offset
        }
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
            UNIX_EPOCH + Duration::from_secs(10)
        );
        assert_eq!(
            Timestamp(-10).to_system_time(),
            UNIX_EPOCH - Duration::from_secs(10)
        );
    }
}
