//! Operation descriptions come as HTML (`<p>`, `<code>`, `<a href>`);
//! the IR holds Markdown, as schema descriptions are written.

/// The Markdown of an HTML description: paragraphs, code, links, strong
/// and emphasis, lists. Tags it does not know (`<currency>` in prose) stay
/// as text.
pub fn to_markdown(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    let mut link: Option<String> = None;
    while let Some(open) = rest.find('<') {
        out.push_str(&decode(&rest[..open]));
        let after = &rest[open..];
        let Some(close) = after.find('>') else {
            out.push_str(&decode(after));
            rest = "";
            break;
        };
        let tag = &after[1..close];
        let name = tag
            .trim_start_matches('/')
            .split(|c: char| c.is_whitespace())
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        let closing = tag.starts_with('/');
        match (name.as_str(), closing) {
            ("p" | "ul" | "ol", _) => out.push_str("\n\n"),
            ("li", false) => out.push_str("\n- "),
            ("li", true) => {}
            ("br", _) => out.push('\n'),
            ("code", _) => out.push('`'),
            ("strong" | "b", _) => out.push_str("**"),
            ("em" | "i", _) => out.push('*'),
            ("a", false) => {
                link = attribute(tag, "href");
                out.push('[');
            }
            ("a", true) => match link.take() {
                Some(href) => out.push_str(&format!("]({href})")),
                None => out.push(']'),
            },
            _ => out.push_str(&decode(&after[..=close])),
        }
        rest = &after[close + 1..];
    }
    out.push_str(&decode(rest));
    // Paragraph breaks: at most one blank line, none at the ends.
    let mut text = String::new();
    let mut blank = 0;
    for line in out.lines().map(str::trim_end) {
        if line.trim().is_empty() {
            blank += 1;
            continue;
        }
        if !text.is_empty() {
            text.push_str(if blank > 0 { "\n\n" } else { "\n" });
        }
        blank = 0;
        text.push_str(line.trim_start());
    }
    text
}

fn attribute(tag: &str, name: &str) -> Option<String> {
    let at = tag.find(&format!("{name}=\""))? + name.len() + 2;
    let end = tag[at..].find('"')? + at;
    Some(decode(&tag[at..end]))
}

fn decode(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::to_markdown;

    #[test]
    fn stripe_operation_descriptions_become_markdown() {
        let html = "<p>Creates a VerificationSession object.</p>\n\n<p>Display a modal using the \
                    session <code>client_secret</code> or its <code>url</code>.</p>\n\n<p>Related \
                    guide: <a href=\"/docs/identity/verify-identity-documents\">Verify your users\
                    &rsquo; identity documents</a>.</p>";
        assert_eq!(
            to_markdown(html),
            "Creates a VerificationSession object.\n\nDisplay a modal using the session \
             `client_secret` or its `url`.\n\nRelated guide: \
             [Verify your users&rsquo; identity documents](/docs/identity/verify-identity-documents)."
        );
    }

    #[test]
    fn lists_emphasis_and_unknown_tags() {
        assert_eq!(
            to_markdown("<p>One of:</p><ul><li><strong>a</strong></li><li><em>b</em></li></ul><p>In <currency> &amp; x</p>"),
            "One of:\n\n- **a**\n- *b*\n\nIn <currency> & x"
        );
        assert_eq!(to_markdown("plain, no tags"), "plain, no tags");
        assert_eq!(to_markdown("a < b"), "a < b");
    }
}
