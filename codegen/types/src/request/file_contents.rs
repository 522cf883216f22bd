//! Downloading a file's contents: `GET` on the file's `url`
//! (`https://files.stripe.com/v1/files/file_.../contents`) with the secret
//! key, the bytes returned exactly. Only URLs on Stripe's files host are
//! taken, so the key is never sent anywhere else.

use std::fmt;

use super::{Method, Operation, Request, ResponseError};

/// Where files are served from.
pub const FILES_HOST: &str = "https://files.stripe.com/";

/// The contents of a file, by its `url` (`File::url` in the generated
/// crates): an [`Operation`] whose answer is the bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileContents {
    path: String,
}

/// A URL that is not on Stripe's files host.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotAFilesUrl(pub String);

impl fmt::Display for NotAFilesUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` is not a file URL on {FILES_HOST}: the secret key is sent only there",
            self.0
        )
    }
}

impl std::error::Error for NotAFilesUrl {}

impl FileContents {
    /// The download of the file at `url`, which must be on
    /// `https://files.stripe.com/`.
    pub fn new(url: &str) -> Result<Self, NotAFilesUrl> {
        match url.strip_prefix(FILES_HOST.trim_end_matches('/')) {
            Some(path) if path.starts_with('/') && !path.contains(['\r', '\n', ' ', '#']) => {
                Ok(FileContents {
                    path: path.to_string(),
                })
            }
            _ => Err(NotAFilesUrl(url.to_string())),
        }
    }
}

impl Operation for FileContents {
    type Response = Vec<u8>;
    type Error = serde_json::Value;

    fn request(&self) -> Request {
        let (path, query) = self.path.split_once('?').unwrap_or((&self.path, ""));
        let mut request = Request::new(Method::Get, path.to_string(), super::form::Form::new())
            .with_host(FILES_HOST);
        request.query = query.to_string();
        request
    }

    fn parse(status: u16, body: &[u8]) -> Result<Vec<u8>, ResponseError<serde_json::Value>> {
        super::parse_bytes(status, body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_urls_on_the_files_host_are_taken() {
        let contents =
            FileContents::new("https://files.stripe.com/v1/files/file_123/contents").unwrap();
        let request = contents.request();
        assert_eq!(request.path_and_query(), "/v1/files/file_123/contents");
        assert_eq!(request.host, Some(FILES_HOST));
        for bad in [
            "https://evil.example/v1/files/file_123/contents",
            "https://files.stripe.com.evil.example/x",
            "http://files.stripe.com/v1/files/file_123/contents",
            "https://files.stripe.com/v1/x\r\nHost: evil",
        ] {
            let e = FileContents::new(bad).unwrap_err();
            assert!(
                e.to_string().contains("the secret key is sent only there"),
                "{e}"
            );
        }
        assert_eq!(FileContents::parse(200, b"\x00\xff").unwrap(), b"\x00\xff");
    }
}
