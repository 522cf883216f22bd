//! A verified event and how its API version compares with the types'.

use stripe_types::WebhookEvent;

/// How an event's `api_version` compares with the version its type was
/// generated from ([`WebhookEvent::API_VERSION`]).
///
/// An event's `data.object` is rendered in the API version of the
/// endpoint (or the account), which need not be the one the types know:
/// fields may be missing, renamed or shaped differently.
#[derive(Clone, Debug, PartialEq, Eq)]
#[must_use = "an event of another API version may not be what the types say"]
pub enum ApiVersionCheck {
    /// The event is in the types' API version.
    Matches,
    /// The event is in another API version.
    Differs {
        /// The event's `api_version`.
        event: String,
        /// The API version of the types.
        types: &'static str,
    },
    /// The event does not say its API version (`api_version` is `null`).
    Unstated,
}

impl ApiVersionCheck {
    /// Compares the event's version with `E::API_VERSION`.
    pub fn of<E: WebhookEvent>(event: &E) -> Self {
        match event.api_version() {
            Some(version) if version == E::API_VERSION => ApiVersionCheck::Matches,
            Some(version) => ApiVersionCheck::Differs {
                event: version.to_owned(),
                types: E::API_VERSION,
            },
            None => ApiVersionCheck::Unstated,
        }
    }

    /// Whether the event is in the types' API version.
    pub fn matches(&self) -> bool {
        *self == ApiVersionCheck::Matches
    }
}

/// An event whose signature was checked, with how its API version
/// compares with the types'.
///
/// The event comes out only with the check beside it
/// ([`into_parts`](Verified::into_parts)), so that a version mismatch is
/// never dropped without a look; to refuse mismatches instead, build the
/// [`Webhook`](super::Webhook) with
/// [`strict_api_version`](super::Webhook::strict_api_version).
#[derive(Clone, Debug)]
#[must_use = "a verified event is meant to be handled"]
pub struct Verified<E> {
    event: E,
    api_version: ApiVersionCheck,
}

impl<E: WebhookEvent> Verified<E> {
    pub(super) fn new(event: E) -> Self {
        let api_version = ApiVersionCheck::of(&event);
        Verified { event, api_version }
    }
}

impl<E> Verified<E> {
    /// The event.
    pub fn event(&self) -> &E {
        &self.event
    }

    /// How the event's API version compares with the types'.
    pub fn api_version(&self) -> &ApiVersionCheck {
        &self.api_version
    }

    /// The event and its API version check.
    pub fn into_parts(self) -> (E, ApiVersionCheck) {
        (self.event, self.api_version)
    }
}
