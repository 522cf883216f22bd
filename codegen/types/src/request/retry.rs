//! When to retry a request, and how long to wait first: one policy, without
//! I/O, that both clients follow.
//!
//! [`RetryPolicy::decide`] is a pure function of the retries made so far,
//! the outcome of the last attempt and a jitter value in `[0, 1)`; the
//! clients draw the jitter, sleep, and send again. The defaults are those
//! of Stripe's official libraries: two retries (stripe-go's
//! `DefaultMaxNetworkRetries`, stripe-python's `StripeClient`), backoff
//! from 0.5 s doubling to at most 5 s, jittered to between half and all of
//! it, and a `Retry-After` of up to 60 s honoured (stripe-python's
//! `INITIAL_DELAY`, `MAX_DELAY`, `MAX_RETRY_AFTER`).
//!
//! Retrying a `POST` is safe only with an `Idempotency-Key` that is the
//! same on every attempt: the clients make one per request and keep it.

use std::time::Duration;

/// How a request is retried.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt: at most `max_retries + 1`
    /// attempts in all. `0` never retries.
    pub max_retries: u32,
    /// The wait before the first retry; it doubles for each retry after.
    pub initial_delay: Duration,
    /// The longest wait backoff gives.
    pub max_delay: Duration,
    /// The longest `Retry-After` honoured: an answer asking for a longer
    /// wait ends the retries (the caller gets the error, rather than a
    /// thread held for minutes).
    pub max_retry_after: Duration,
}

impl RetryPolicy {
    /// Stripe's libraries' defaults (see the [module](self) documentation).
    pub const STRIPE: RetryPolicy = RetryPolicy {
        max_retries: 2,
        initial_delay: Duration::from_millis(500),
        max_delay: Duration::from_secs(5),
        max_retry_after: Duration::from_secs(60),
    };

    /// No retries: one attempt.
    pub const NEVER: RetryPolicy = RetryPolicy {
        max_retries: 0,
        ..RetryPolicy::STRIPE
    };
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy::STRIPE
    }
}

/// Why a request got no answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TransportErrorKind {
    /// The connection could not be made (refused, reset, no route, DNS).
    Connect,
    /// No answer in time.
    Timeout,
    /// The connection broke while the request or the answer was on it
    /// (closed early, reset, an answer that is not HTTP).
    Io,
    /// Anything retrying cannot mend: a bad URL, a TLS certificate that
    /// does not verify, a body too large.
    Other,
}

impl TransportErrorKind {
    /// What the kind means, for messages.
    pub fn as_str(self) -> &'static str {
        match self {
            TransportErrorKind::Connect => "could not connect",
            TransportErrorKind::Timeout => "timed out",
            TransportErrorKind::Io => "the connection broke",
            TransportErrorKind::Other => "the request could not be sent",
        }
    }
}

/// What an attempt came to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome<'a> {
    /// No answer.
    Transport(TransportErrorKind),
    /// An answer: its status and the values of the headers the policy reads.
    Answer {
        /// The HTTP status.
        status: u16,
        /// The `Stripe-Should-Retry` header, if sent.
        should_retry: Option<&'a str>,
        /// The `Retry-After` header, if sent.
        retry_after: Option<&'a str>,
    },
}

/// What to do after an attempt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    /// Wait this long, then send the request again (same idempotency key).
    RetryAfter(Duration),
    /// Stop: give the caller this outcome.
    Stop,
}

impl RetryPolicy {
    /// Whether to retry after an attempt, and after how long.
    ///
    /// `retries` is how many retries were made before this attempt (`0`
    /// after the first), `jitter` a random value in `[0, 1)`. Retried:
    /// connection errors and timeouts; `409`, `429` and `5xx` answers; any
    /// other answer with `Stripe-Should-Retry: true`. Never retried: an
    /// answer with `Stripe-Should-Retry: false`, a `2xx`, and `400`, `401`,
    /// `402`, `403`, `404` whatever the header says (sending the same
    /// request again gets the same refusal); other `4xx` only when told to.
    pub fn decide(&self, retries: u32, outcome: &Outcome<'_>, jitter: f64) -> Decision {
        if retries >= self.max_retries {
            return Decision::Stop;
        }
        let mut wait = self.backoff(retries, jitter);
        match *outcome {
            Outcome::Transport(TransportErrorKind::Other) => return Decision::Stop,
            Outcome::Transport(_) => {}
            Outcome::Answer {
                status,
                should_retry,
                retry_after,
            } => {
                if matches!(status, 200..=299 | 400..=404) {
                    return Decision::Stop;
                }
                let retry = match should_retry.map(str::trim) {
                    Some("true") => true,
                    Some("false") => false,
                    _ => matches!(status, 409 | 429 | 500..=599),
                };
                if !retry {
                    return Decision::Stop;
                }
                if let Some(asked) = retry_after.and_then(parse_retry_after) {
                    if asked > self.max_retry_after {
                        return Decision::Stop;
                    }
                    wait = wait.max(asked);
                }
            }
        }
        Decision::RetryAfter(wait)
    }

    /// The wait before retry number `retries + 1`: `initial_delay`
    /// doubled per retry made, at most `max_delay`, then scaled to between
    /// half and all of it by `jitter`, and never under `initial_delay`.
    fn backoff(&self, retries: u32, jitter: f64) -> Duration {
        let doubled = self
            .initial_delay
            .saturating_mul(1u32.checked_shl(retries).unwrap_or(u32::MAX));
        let capped = doubled.min(self.max_delay);
        let jitter = if jitter.is_finite() {
            jitter.clamp(0.0, 1.0)
        } else {
            0.0
        };
        capped.mul_f64(0.5 * (1.0 + jitter)).max(self.initial_delay)
    }
}

/// A `Retry-After` in seconds (an integer or a decimal); the HTTP-date
/// form, which Stripe does not send, counts as absent.
fn parse_retry_after(value: &str) -> Option<Duration> {
    let seconds: f64 = value.trim().parse().ok()?;
    (seconds.is_finite() && seconds >= 0.0).then(|| Duration::from_secs_f64(seconds.min(1e9)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(status: u16) -> Outcome<'static> {
        Outcome::Answer {
            status,
            should_retry: None,
            retry_after: None,
        }
    }

    const P: RetryPolicy = RetryPolicy::STRIPE;

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    #[test]
    fn what_is_retried() {
        for status in [409, 429, 500, 502, 503, 504, 599] {
            assert!(
                matches!(P.decide(0, &answer(status), 0.0), Decision::RetryAfter(_)),
                "{status}"
            );
        }
        for status in [200, 201, 400, 401, 402, 403, 404, 422] {
            assert_eq!(
                P.decide(0, &answer(status), 0.0),
                Decision::Stop,
                "{status}"
            );
        }
        for kind in [
            TransportErrorKind::Connect,
            TransportErrorKind::Timeout,
            TransportErrorKind::Io,
        ] {
            assert_eq!(
                P.decide(0, &Outcome::Transport(kind), 0.0),
                Decision::RetryAfter(ms(500))
            );
        }
        assert_eq!(
            P.decide(0, &Outcome::Transport(TransportErrorKind::Other), 0.0),
            Decision::Stop
        );
    }

    #[test]
    fn stripe_should_retry_decides_both_ways() {
        let told = |status, value| Outcome::Answer {
            status,
            should_retry: Some(value),
            retry_after: None,
        };
        assert_eq!(P.decide(0, &told(503, "false"), 0.0), Decision::Stop);
        assert_eq!(P.decide(0, &told(409, "false"), 0.0), Decision::Stop);
        assert_eq!(
            P.decide(0, &told(423, "true"), 0.0),
            Decision::RetryAfter(ms(500))
        );
        assert_eq!(P.decide(0, &answer(423), 0.0), Decision::Stop);
        // A refusal stays one, whatever the header says.
        for status in 400..=404 {
            assert_eq!(P.decide(0, &told(status, "true"), 0.0), Decision::Stop);
        }
        // Not a retry of a success, whatever the header says.
        assert_eq!(P.decide(0, &told(200, "true"), 0.0), Decision::Stop);
        // Another value: as if absent.
        assert!(matches!(
            P.decide(0, &told(500, "maybe"), 0.0),
            Decision::RetryAfter(_)
        ));
    }

    #[test]
    fn attempts_are_bounded() {
        assert!(matches!(
            P.decide(1, &answer(500), 0.0),
            Decision::RetryAfter(_)
        ));
        assert_eq!(P.decide(2, &answer(500), 0.0), Decision::Stop);
        assert_eq!(
            RetryPolicy::NEVER.decide(0, &answer(500), 0.0),
            Decision::Stop
        );
    }

    #[test]
    fn backoff_doubles_is_capped_and_jittered() {
        let many = RetryPolicy {
            max_retries: 100,
            ..P
        };
        let waits: Vec<Duration> = (0..6)
            .map(|n| match many.decide(n, &answer(500), 0.999_999) {
                Decision::RetryAfter(d) => d,
                Decision::Stop => panic!("stopped"),
            })
            .collect();
        let rounded: Vec<u128> = waits
            .iter()
            .map(|d| (d.as_millis() + 5) / 10 * 10)
            .collect();
        assert_eq!(rounded, [500, 1000, 2000, 4000, 5000, 5000]);
        // No jitter: half, but never under the initial delay.
        assert_eq!(
            many.decide(0, &answer(500), 0.0),
            Decision::RetryAfter(ms(500))
        );
        assert_eq!(
            many.decide(2, &answer(500), 0.0),
            Decision::RetryAfter(ms(1000))
        );
        assert_eq!(
            many.decide(2, &answer(500), 0.5),
            Decision::RetryAfter(ms(1500))
        );
        assert_eq!(
            many.decide(99, &answer(500), f64::NAN),
            Decision::RetryAfter(ms(2500))
        );
    }

    #[test]
    fn retry_after_is_honoured_up_to_its_limit() {
        let asked = |value| Outcome::Answer {
            status: 429,
            should_retry: None,
            retry_after: Some(value),
        };
        assert_eq!(
            P.decide(0, &asked("3"), 0.0),
            Decision::RetryAfter(Duration::from_secs(3))
        );
        assert_eq!(
            P.decide(0, &asked(" 0.25 "), 0.0),
            Decision::RetryAfter(ms(500))
        );
        assert_eq!(
            P.decide(0, &asked("60"), 0.0),
            Decision::RetryAfter(Duration::from_secs(60))
        );
        assert_eq!(P.decide(0, &asked("61"), 0.0), Decision::Stop);
        assert_eq!(
            P.decide(0, &asked("Wed, 21 Oct 2026 07:28:00 GMT"), 0.0),
            Decision::RetryAfter(ms(500))
        );
        assert_eq!(
            P.decide(0, &asked("-1"), 0.0),
            Decision::RetryAfter(ms(500))
        );
    }
}
