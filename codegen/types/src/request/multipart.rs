//! `multipart/form-data` bodies (RFC 7578), for the one kind of request
//! Stripe's v1 API does not take as a form: a file upload
//! (`POST /v1/files`, sent to `https://files.stripe.com/`).
//!
//! The parts are the form encoding's pairs under the same keys
//! (`file_link_data[metadata][order]`, `expand[0]`), keys and values as
//! they are, and the file's bytes exactly. Names are quoted as stripe-node
//! quotes them: a `"` becomes `%22`, and a line break (CR LF, CR or LF) a
//! space, so that no name can end its header line. The boundary is chosen
//! so that it appears in no part.

use std::fmt;

use super::form::{Encode, Form};

/// A file to upload: its bytes, the name it is sent under, and its media
/// type (such as `image/png`).
#[derive(Clone, PartialEq, Eq)]
pub struct FileUpload {
    /// The file's contents, sent exactly.
    pub bytes: Vec<u8>,
    /// The file name sent with it, such as `passport.png`.
    pub file_name: String,
    /// Its media type, such as `image/png` or `application/pdf`.
    pub content_type: String,
}

impl FileUpload {
    /// A file of `bytes` named `file_name`, of media type `content_type`.
    pub fn new(
        bytes: impl Into<Vec<u8>>,
        file_name: impl Into<String>,
        content_type: impl Into<String>,
    ) -> Self {
        FileUpload {
            bytes: bytes.into(),
            file_name: file_name.into(),
            content_type: content_type.into(),
        }
    }

    /// The file at `path`, named after its last component. The error names
    /// the path and what went wrong.
    pub fn read(
        path: impl AsRef<std::path::Path>,
        content_type: impl Into<String>,
    ) -> std::io::Result<Self> {
        let path = path.as_ref();
        let bytes = std::fs::read(path).map_err(|e| {
            std::io::Error::new(e.kind(), format!("cannot read {}: {e}", path.display()))
        })?;
        let file_name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        Ok(FileUpload::new(bytes, file_name, content_type))
    }
}

/// The name, media type and size; not the bytes (a document image).
impl fmt::Debug for FileUpload {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FileUpload")
            .field("file_name", &self.file_name)
            .field("content_type", &self.content_type)
            .field("len", &self.bytes.len())
            .finish()
    }
}

impl Encode for FileUpload {
    fn encode(&self, form: &mut Form) {
        form.file(self);
    }
}

/// One part of a multipart body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Part {
    /// The part's name (its form key).
    pub name: String,
    /// The file's name and media type, for a file.
    pub file: Option<(String, String)>,
    /// The contents.
    pub bytes: Vec<u8>,
}

impl Part {
    pub(crate) fn text(name: &str, value: &str) -> Self {
        Part {
            name: name.to_string(),
            file: None,
            bytes: value.as_bytes().to_vec(),
        }
    }

    pub(crate) fn file(name: &str, file: &FileUpload) -> Self {
        Part {
            name: name.to_string(),
            file: Some((file.file_name.clone(), file.content_type.clone())),
            bytes: file.bytes.clone(),
        }
    }
}

/// A `multipart/form-data` body and its boundary.
#[derive(Clone, PartialEq, Eq)]
pub struct Multipart {
    boundary: String,
    bytes: Vec<u8>,
}

impl fmt::Debug for Multipart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Multipart")
            .field("boundary", &self.boundary)
            .field("len", &self.bytes.len())
            .finish()
    }
}

impl Multipart {
    /// The body of `parts`, in order.
    pub fn new(parts: &[Part]) -> Self {
        let boundary = boundary(parts);
        let mut out = Vec::with_capacity(
            parts
                .iter()
                .map(|p| p.bytes.len() + p.name.len() + 128)
                .sum(),
        );
        for part in parts {
            out.extend_from_slice(b"--");
            out.extend_from_slice(boundary.as_bytes());
            out.extend_from_slice(b"\r\nContent-Disposition: form-data; name=");
            quote(&part.name, &mut out);
            if let Some((file_name, content_type)) = &part.file {
                out.extend_from_slice(b"; filename=");
                quote(file_name, &mut out);
                out.extend_from_slice(b"\r\nContent-Type: ");
                let content_type = if content_type.is_empty() {
                    "application/octet-stream"
                } else {
                    content_type
                };
                out.extend_from_slice(one_line(content_type).as_bytes());
            }
            out.extend_from_slice(b"\r\n\r\n");
            out.extend_from_slice(&part.bytes);
            out.extend_from_slice(b"\r\n");
        }
        out.extend_from_slice(b"--");
        out.extend_from_slice(boundary.as_bytes());
        out.extend_from_slice(b"--\r\n");
        Multipart {
            boundary,
            bytes: out,
        }
    }

    /// The boundary between the parts.
    pub fn boundary(&self) -> &str {
        &self.boundary
    }

    /// The `Content-Type` header: `multipart/form-data; boundary=...`.
    pub fn content_type(&self) -> String {
        format!("multipart/form-data; boundary={}", self.boundary)
    }

    /// The body's bytes.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The body's bytes, owned.
    pub fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }
}

/// `"name"`, a `"` as `%22` and line breaks as spaces (stripe-node's
/// quoting: nothing in a name can end the header line or the quotes).
fn quote(name: &str, out: &mut Vec<u8>) {
    out.push(b'"');
    out.extend_from_slice(one_line(&name.replace('"', "%22")).as_bytes());
    out.push(b'"');
}

/// `text` with each CR LF, CR or LF as one space.
fn one_line(text: &str) -> String {
    text.replace("\r\n", " ").replace(['\r', '\n'], " ")
}

/// A boundary that is in none of the parts: a hash of their contents, and
/// a counter raised until no part holds it. The same parts always give the
/// same boundary (and so the same body).
fn boundary(parts: &[Part]) -> String {
    // FNV-1a over the parts: spreads the candidates; the check below is
    // what makes the boundary safe.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for &b in part.name.as_bytes().iter().chain(&part.bytes) {
            hash = (hash ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    (0u64..)
        .map(|n| format!("stripe-types-{:016x}", hash.wrapping_add(n)))
        .find(|candidate| {
            !parts.iter().any(|p| {
                contains(&p.bytes, candidate.as_bytes())
                    || p.name.contains(candidate.as_str())
                    || p.file.as_ref().is_some_and(|(n, t)| {
                        n.contains(candidate.as_str()) || t.contains(candidate.as_str())
                    })
            })
        })
        .unwrap_or_default()
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// Reads a multipart body back into its parts (name, file name and media
/// type, bytes), as a server would: for tests, here and in the crates that
/// check requests against stripe-node's.
#[doc(hidden)]
pub fn parse(body: &[u8], boundary: &str) -> Option<Vec<Part>> {
    let delimiter = format!("--{boundary}");
    let mut parts = Vec::new();
    let mut rest = body.strip_prefix(delimiter.as_bytes())?;
    let separator = format!("\r\n--{boundary}");
    loop {
        if rest.starts_with(b"--") {
            return Some(parts);
        }
        rest = rest.strip_prefix(b"\r\n")?;
        let end = find(rest, separator.as_bytes())?;
        let (part, after) = rest.split_at(end);
        rest = &after[separator.len()..];
        let head_end = find(part, b"\r\n\r\n")?;
        let head = std::str::from_utf8(&part[..head_end]).ok()?;
        let bytes = part[head_end + 4..].to_vec();
        let mut name = None;
        let mut file_name = None;
        let mut content_type = None;
        for line in head.split("\r\n") {
            if let Some(value) = line.strip_prefix("Content-Type: ") {
                content_type = Some(value.to_string());
            } else if let Some(value) = line.strip_prefix("Content-Disposition: form-data; ") {
                for param in split_params(value) {
                    let (key, quoted) = param.split_once('=')?;
                    let unquoted = quoted.strip_prefix('"')?.strip_suffix('"')?.to_string();
                    match key {
                        "name" => name = Some(unquoted),
                        "filename" => file_name = Some(unquoted),
                        _ => return None,
                    }
                }
            }
        }
        parts.push(Part {
            name: name?,
            file: file_name.map(|f| (f, content_type.unwrap_or_default())),
            bytes,
        });
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// `a="x; y"; b="z"` split at the `; ` outside quotes.
fn split_params(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut quoted = false;
    let mut start = 0;
    for (i, c) in text.char_indices() {
        match c {
            '"' => quoted = !quoted,
            ';' if !quoted => {
                out.push(text[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(text[start..].trim());
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn text(name: &str, value: &str) -> Part {
        Part::text(name, value)
    }

    #[test]
    fn every_byte_and_line_break_of_a_file_is_sent_exactly() {
        let mut bytes: Vec<u8> = (0..=255u8).collect();
        bytes.extend_from_slice(b"\r\n--\r\n\r\n--stripe-types-\r\n");
        let file = FileUpload::new(bytes.clone(), "scan.png", "image/png");
        let mut form = Form::parts();
        form.field("file", &file);
        form.field("purpose", "identity_document");
        let body = Multipart::new(&form.into_parts());
        let parts = parse(body.bytes(), body.boundary()).unwrap();
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[0].name, "file");
        assert_eq!(
            parts[0].file,
            Some(("scan.png".to_string(), "image/png".to_string()))
        );
        assert_eq!(parts[0].bytes, bytes);
        assert_eq!(parts[1], text("purpose", "identity_document"));
        assert!(body
            .bytes()
            .ends_with(format!("--{}--\r\n", body.boundary()).as_bytes()));
    }

    #[test]
    fn nested_parameters_are_flattened_as_the_form_encoder_does() {
        let mut metadata = BTreeMap::new();
        metadata.insert("order".to_string(), "6735".to_string());
        metadata.insert("a b[c]".to_string(), "é & =".to_string());
        struct LinkData {
            create: bool,
            metadata: BTreeMap<String, String>,
        }
        crate::form_object! {
            LinkData {
                create: "create",
                metadata: "metadata",
            }
        }
        let mut form = Form::parts();
        form.field("expand", &vec!["links".to_string()]);
        form.field(
            "file_link_data",
            &LinkData {
                create: true,
                metadata,
            },
        );
        let parts = form.into_parts();
        let names: Vec<(&str, &[u8])> = parts
            .iter()
            .map(|p| (p.name.as_str(), p.bytes.as_slice()))
            .collect();
        assert_eq!(
            names,
            [
                ("expand[0]", &b"links"[..]),
                ("file_link_data[create]", b"true"),
                ("file_link_data[metadata][a b[c]]", "é & =".as_bytes()),
                ("file_link_data[metadata][order]", b"6735"),
            ]
        );
    }

    #[test]
    fn names_are_quoted_so_they_cannot_end_their_header() {
        let file = FileUpload::new(b"x".to_vec(), "a\"b\r\nc.png", "image/png\r\nX-Evil: 1");
        let body = Multipart::new(&[Part::text("we\"ird\nname", "v"), Part::file("file", &file)]);
        let head = String::from_utf8_lossy(body.bytes()).into_owned();
        assert!(head.contains("name=\"we%22ird name\"\r\n"), "{head}");
        assert!(head.contains("filename=\"a%22b c.png\"\r\n"), "{head}");
        assert!(
            head.contains("Content-Type: image/png X-Evil: 1\r\n"),
            "{head}"
        );
        let parts = parse(body.bytes(), body.boundary()).unwrap();
        assert_eq!(parts[0].name, "we%22ird name");
        assert_eq!(
            parts[1].file,
            Some(("a%22b c.png".into(), "image/png X-Evil: 1".into()))
        );
    }

    #[test]
    fn the_boundary_is_in_no_part_and_the_same_for_the_same_parts() {
        let parts = [Part::text("a", "1")];
        let first = Multipart::new(&parts).boundary().to_string();
        assert_eq!(Multipart::new(&parts).boundary(), first);
        // A file holding that very boundary gets another.
        let file = FileUpload::new(format!("--{first}").into_bytes(), "f", "text/plain");
        let tricky = [Part::text("a", "1"), Part::file("f", &file)];
        let body = Multipart::new(&tricky);
        assert!(!contains(&file.bytes, body.boundary().as_bytes()));
        assert_eq!(
            parse(body.bytes(), body.boundary()).unwrap()[1].bytes,
            file.bytes
        );
    }

    #[test]
    fn a_file_that_cannot_be_read_names_its_path_and_debug_hides_the_bytes() {
        let e = FileUpload::read("/nonexistent/passport.png", "image/png").unwrap_err();
        assert_eq!(e.kind(), std::io::ErrorKind::NotFound);
        assert!(
            e.to_string()
                .starts_with("cannot read /nonexistent/passport.png: "),
            "{e}"
        );
        let file = FileUpload::new(b"secret".to_vec(), "p.png", "image/png");
        assert_eq!(
            format!("{file:?}"),
            "FileUpload { file_name: \"p.png\", content_type: \"image/png\", len: 6 }"
        );
    }
}
