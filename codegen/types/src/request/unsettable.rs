use super::form::{Encode, Form};

/// A parameter that can be set, or unset by sending an empty string (the
/// spec's `anyOf` with `enum: [""]`).
///
/// ```
/// use stripe_types::Unsettable;
/// let mut form = stripe_types::form::Form::new();
/// form.field("description", &Unsettable::<String>::Unset);
/// form.field("return_url", &Unsettable::from("https://example.com".to_string()));
/// assert_eq!(form.finish(), "description=&return_url=https%3A%2F%2Fexample.com");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Unsettable<T> {
    /// Sets the value.
    Set(T),
    /// Unsets the value: written as an empty string.
    Unset,
}

impl<T> From<T> for Unsettable<T> {
    fn from(value: T) -> Self {
        Unsettable::Set(value)
    }
}

impl<T: Encode> Encode for Unsettable<T> {
    fn encode(&self, form: &mut Form) {
        match self {
            Unsettable::Set(value) => value.encode(form),
            Unsettable::Unset => form.value(""),
        }
    }
}
