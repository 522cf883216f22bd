//! Paging through a list with a client: an `Iterator` (blocking) or a
//! `Stream` (async) of the list's objects, each page asked for as
//! [`stripe_types::Pager`] decides (stripe-node's rules), each request
//! retried by the client's policy. An error (a request that failed for
//! good, or a page that cannot advance) is yielded once; then the
//! iteration ends.

#[cfg(feature = "blocking-http")]
pub use blocking::Pages;

#[cfg(feature = "blocking-http")]
mod blocking {
    use stripe_types::{Pager, Paginate};

    use crate::{Client, ClientError, RequestOptions};

    /// The objects of a list, page after page: [`Client::pages`].
    pub struct Pages<'c, O: Paginate> {
        client: &'c Client,
        options: RequestOptions,
        pager: Pager<O>,
        items: std::vec::IntoIter<O::Item>,
    }

    impl<'c, O: Paginate> Pages<'c, O> {
        pub(crate) fn new(client: &'c Client, first: O, options: RequestOptions) -> Self {
            Pages {
                client,
                options,
                pager: Pager::new(first),
                items: Vec::new().into_iter(),
            }
        }
    }

    impl<O: Paginate> Iterator for Pages<'_, O> {
        type Item = Result<O::Item, ClientError<O::Error>>;

        fn next(&mut self) -> Option<Self::Item> {
            loop {
                if let Some(item) = self.items.next() {
                    return Some(Ok(item));
                }
                let params = self.pager.next_request()?;
                let answer = match self.client.send_with(params, &self.options) {
                    Ok(answer) => answer,
                    Err(e) => {
                        self.pager.stop();
                        return Some(Err(e));
                    }
                };
                let (status, request_id, attempts) =
                    (answer.status, answer.request_id, answer.attempts);
                match self.pager.page(answer.value) {
                    Ok(items) => self.items = items.into_iter(),
                    Err(e) => {
                        return Some(Err(ClientError::paging(e, status, request_id, attempts)))
                    }
                }
            }
        }
    }
}

#[cfg(feature = "async-http")]
pub(crate) mod stream {
    use futures_core::Stream;
    use stripe_types::{Pager, Paginate};

    use crate::{AsyncClient, ClientError, RequestOptions};

    struct State<'c, O: Paginate> {
        client: &'c AsyncClient,
        options: RequestOptions,
        pager: Pager<O>,
        items: std::vec::IntoIter<O::Item>,
    }

    /// The stream of [`AsyncClient::pages`].
    pub(crate) fn pages<'c, O>(
        client: &'c AsyncClient,
        first: O,
        options: RequestOptions,
    ) -> impl Stream<Item = Result<O::Item, ClientError<O::Error>>> + 'c
    where
        O: Paginate + 'c,
    {
        let state = State {
            client,
            options,
            pager: Pager::new(first),
            items: Vec::new().into_iter(),
        };
        futures_util::stream::unfold(state, |mut s| async move {
            loop {
                if let Some(item) = s.items.next() {
                    return Some((Ok(item), s));
                }
                let params = s.pager.next_request()?.clone();
                let answer = match s.client.send_with(&params, &s.options).await {
                    Ok(answer) => answer,
                    Err(e) => {
                        s.pager.stop();
                        return Some((Err(e), s));
                    }
                };
                let (status, request_id, attempts) =
                    (answer.status, answer.request_id, answer.attempts);
                match s.pager.page(answer.value) {
                    Ok(items) => s.items = items.into_iter(),
                    Err(e) => {
                        let e = ClientError::paging(e, status, request_id, attempts);
                        return Some((Err(e), s));
                    }
                }
            }
        })
    }
}
