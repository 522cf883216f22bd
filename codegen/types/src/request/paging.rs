//! Paging through a list without I/O: which page to ask for next, and in
//! which order to give a page's objects.
//!
//! The rules are stripe-node's auto-paging: a list read forwards (no
//! cursor, or `starting_after`) asks next for `starting_after=<the last id
//! of the page>`; a list the caller started with `ending_before` is read
//! backwards, asking for `ending_before=<the first id of the page>`, and
//! each page's objects are given newest last, reversed, so that the whole
//! iteration runs away from the cursor. Every other parameter of the
//! first request (filters, `limit`, `expand`) is kept on every page.
//!
//! A page that cannot advance ends paging with a [`PagingError`] rather
//! than asking for the same page again: `has_more` with no objects, or a
//! cursor already asked for.
//!
//! ```
//! # use stripe_types::{List, Pager, Paginate};
//! # fn fetch<O: Paginate>(params: &O) -> List<O::Item> { unimplemented!() }
//! fn all<O: Paginate>(first: O) -> Result<Vec<O::Item>, stripe_types::PagingError> {
//!     let mut pager = Pager::new(first);
//!     let mut out = Vec::new();
//!     while let Some(params) = pager.next_request() {
//!         let page = fetch(params);
//!         out.extend(pager.page(page)?);
//!     }
//!     Ok(out)
//! }
//! ```

use std::collections::HashSet;
use std::fmt;

use super::list::List;
use super::Operation;

/// A list operation that pages: what the generated list operations
/// implement (`ListEvent`, `ListFile`, ...).
pub trait Paginate: Operation<Response = List<Self::Item>> + Clone {
    /// The objects of the list.
    type Item;

    /// The id of an object, the cursor of the page after or before it.
    fn item_id(item: &Self::Item) -> &str;

    /// The cursor the parameters set: `ending_before` (the list is read
    /// backwards), or `starting_after`.
    fn cursor(&self) -> Cursor<'_>;

    /// Sets the cursor of the parameters' direction to `id`.
    fn set_cursor(&mut self, id: String);
}

/// Where a list request starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cursor<'a> {
    /// At the start, or after an object (`starting_after`).
    Forward(Option<&'a str>),
    /// Before an object (`ending_before`): the list is read backwards.
    Backward(&'a str),
}

/// Why paging stopped before the list's end.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PagingError {
    /// A page said `has_more` but held no object, so there is no cursor to
    /// go on from.
    EmptyPageWithMore {
        /// The number of the page (1 for the first).
        page: usize,
    },
    /// The page's cursor is one already asked for: asking again would give
    /// the same page.
    RepeatedCursor {
        /// The number of the page (1 for the first).
        page: usize,
        /// The cursor.
        id: String,
    },
}

impl fmt::Display for PagingError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PagingError::EmptyPageWithMore { page } => write!(
                f,
                "page {page} of the list says it has more but holds no object: paging stopped, \
                 as there is no cursor to go on from"
            ),
            PagingError::RepeatedCursor { page, id } => write!(
                f,
                "page {page} of the list ends at `{id}`, a cursor already asked for: paging \
                 stopped rather than ask for the same page again"
            ),
        }
    }
}

impl std::error::Error for PagingError {}

/// The state of one paging: the parameters of the next page, and the
/// cursors asked for.
#[derive(Clone, Debug)]
pub struct Pager<O> {
    next: Option<O>,
    backwards: bool,
    pages: usize,
    asked: HashSet<String>,
}

impl<O: Paginate> Pager<O> {
    /// Paging that starts with the parameters `first`.
    pub fn new(first: O) -> Self {
        let (backwards, start) = match first.cursor() {
            Cursor::Forward(id) => (false, id),
            Cursor::Backward(id) => (true, Some(id)),
        };
        let asked = start.map(str::to_string).into_iter().collect();
        Pager {
            next: Some(first),
            backwards,
            pages: 0,
            asked,
        }
    }

    /// The parameters of the page to ask for next; `None` once the list's
    /// end (or an error) was reached.
    pub fn next_request(&self) -> Option<&O> {
        self.next.as_ref()
    }

    /// Whether the list is read backwards (`ending_before`).
    pub fn backwards(&self) -> bool {
        self.backwards
    }

    /// Reads the answer to [`next_request`](Self::next_request): gives the
    /// page's objects in the order to yield them (reversed when paging
    /// backwards; the page's own vector, not a copy), and decides the next
    /// page. After an error there is no next page.
    pub fn page(&mut self, page: List<O::Item>) -> Result<Vec<O::Item>, PagingError> {
        self.pages += 1;
        let Some(mut params) = self.next.take() else {
            return Ok(Vec::new());
        };
        let mut data = page.data;
        if page.has_more {
            let edge = if self.backwards {
                data.first()
            } else {
                data.last()
            };
            let Some(edge) = edge else {
                return Err(PagingError::EmptyPageWithMore { page: self.pages });
            };
            let id = O::item_id(edge);
            if !self.asked.insert(id.to_string()) {
                return Err(PagingError::RepeatedCursor {
                    page: self.pages,
                    id: id.to_string(),
                });
            }
            params.set_cursor(id.to_string());
            self.next = Some(params);
        }
        if self.backwards {
            data.reverse();
        }
        Ok(data)
    }

    /// Ends paging (after a request that failed for good).
    pub fn stop(&mut self) {
        self.next = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request::{form::Form, Method, Request, ResponseError};

    #[derive(Clone, Debug, Default, PartialEq)]
    struct ListThings {
        types: Vec<String>,
        limit: Option<i64>,
        starting_after: Option<String>,
        ending_before: Option<String>,
    }

    impl Operation for ListThings {
        type Response = List<String>;
        type Error = ();

        fn request(&self) -> Request {
            let mut form = Form::new();
            form.field("types", &self.types);
            form.field("limit", &self.limit);
            form.field("starting_after", &self.starting_after);
            form.field("ending_before", &self.ending_before);
            Request::new(Method::Get, "/v1/things".into(), form)
        }

        fn parse(_: u16, _: &[u8]) -> Result<List<String>, ResponseError<()>> {
            unreachable!("not read here")
        }
    }

    impl Paginate for ListThings {
        type Item = String;

        fn item_id(item: &String) -> &str {
            item
        }

        fn cursor(&self) -> Cursor<'_> {
            match &self.ending_before {
                Some(id) => Cursor::Backward(id),
                None => Cursor::Forward(self.starting_after.as_deref()),
            }
        }

        fn set_cursor(&mut self, id: String) {
            match self.ending_before {
                Some(_) => self.ending_before = Some(id),
                None => self.starting_after = Some(id),
            }
        }
    }

    fn page(ids: &[&str], has_more: bool) -> List<String> {
        List {
            data: ids.iter().map(|s| s.to_string()).collect(),
            has_more,
            url: "/v1/things".into(),
            unknown_fields: Default::default(),
        }
    }

    /// Runs a pager over `pages`: the queries asked, the objects given,
    /// and the error, if any.
    fn run(
        first: ListThings,
        pages: Vec<List<String>>,
    ) -> (Vec<String>, Vec<String>, Option<PagingError>) {
        let mut pager = Pager::new(first);
        let mut queries = Vec::new();
        let mut items = Vec::new();
        let mut pages = pages.into_iter();
        while let Some(params) = pager.next_request() {
            queries.push(params.request().query);
            match pager.page(pages.next().expect("a page for each request")) {
                Ok(got) => items.extend(got),
                Err(e) => {
                    assert!(pager.next_request().is_none());
                    return (queries, items, Some(e));
                }
            }
        }
        assert!(pages.next().is_none(), "every page was asked for");
        (queries, items, None)
    }

    #[test]
    fn forwards_moves_starting_after_to_the_last_id_and_keeps_the_rest() {
        let first = ListThings {
            types: vec!["a.b".into()],
            limit: Some(2),
            ..Default::default()
        };
        let (queries, items, error) = run(
            first,
            vec![
                page(&["e5", "e4"], true),
                page(&["e3", "e2"], true),
                page(&["e1"], false),
            ],
        );
        assert_eq!(
            queries,
            [
                "types[0]=a.b&limit=2",
                "types[0]=a.b&limit=2&starting_after=e4",
                "types[0]=a.b&limit=2&starting_after=e2",
            ]
        );
        assert_eq!(items, ["e5", "e4", "e3", "e2", "e1"]);
        assert_eq!(error, None);
    }

    #[test]
    fn backwards_moves_ending_before_to_the_first_id_and_reverses_each_page() {
        let first = ListThings {
            limit: Some(2),
            ending_before: Some("e1".into()),
            ..Default::default()
        };
        let mut pager = Pager::new(first.clone());
        assert!(pager.backwards());
        let (queries, items, error) =
            run(first, vec![page(&["e3", "e2"], true), page(&["e4"], false)]);
        assert_eq!(
            queries,
            ["limit=2&ending_before=e1", "limit=2&ending_before=e3"]
        );
        assert_eq!(items, ["e2", "e3", "e4"]);
        assert_eq!(error, None);
        pager.stop();
        assert!(pager.next_request().is_none());
    }

    #[test]
    fn one_page_and_an_empty_list_ask_once() {
        let (queries, items, error) = run(ListThings::default(), vec![page(&["e1"], false)]);
        assert_eq!(
            (queries.len(), items, error),
            (1, vec!["e1".to_string()], None)
        );
        let (queries, items, error) = run(ListThings::default(), vec![page(&[], false)]);
        assert_eq!((queries, items, error), (vec![String::new()], vec![], None));
    }

    #[test]
    fn a_page_that_cannot_advance_is_an_error_not_a_loop() {
        let (queries, items, error) = run(
            ListThings::default(),
            vec![page(&["e2"], true), page(&[], true)],
        );
        assert_eq!(queries.len(), 2);
        assert_eq!(items, ["e2"]);
        let error = error.unwrap();
        assert_eq!(error, PagingError::EmptyPageWithMore { page: 2 });
        assert_eq!(
            error.to_string(),
            "page 2 of the list says it has more but holds no object: paging stopped, as there \
             is no cursor to go on from"
        );

        // A server that answers the same page again.
        let (queries, items, error) = run(
            ListThings::default(),
            vec![page(&["e2", "e1"], true), page(&["e2", "e1"], true)],
        );
        assert_eq!(queries, ["", "starting_after=e1"]);
        assert_eq!(items, ["e2", "e1"]);
        assert_eq!(
            error,
            Some(PagingError::RepeatedCursor {
                page: 2,
                id: "e1".into()
            })
        );

        // The caller's own cursor counts as asked for.
        let first = ListThings {
            starting_after: Some("e1".into()),
            ..Default::default()
        };
        let (_, _, error) = run(first, vec![page(&["e1"], true)]);
        assert!(matches!(
            error,
            Some(PagingError::RepeatedCursor { page: 1, .. })
        ));
    }
}
