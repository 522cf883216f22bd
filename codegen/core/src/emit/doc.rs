//! Spec descriptions (Stripe's Markdown) -> rustdoc text that renders the
//! same, links to the right place and can never run as a doctest or trip a
//! rustdoc or clippy lint.

/// Where Stripe's relative documentation links point.
const DOCS_HOST: &str = "https://stripe.com";

/// Width of doc text before it wraps (the `///` and indentation come on top).
const WIDTH: usize = 90;

/// The shortest line wrapping leaves inside a paragraph.
const MIN_LINE: usize = 30;

/// Turns a description into rustdoc lines.
pub fn rustdoc(description: &str) -> Vec<String> {
    let description = plain(description);
    let mut out = Vec::new();
    let mut text: Vec<&str> = Vec::new();
    let mut fence: Option<String> = None;
    for raw in description.lines() {
        let line = raw.trim_end();
        let trimmed = line.trim_start();
        if let Some(marker) = &fence {
            if trimmed.starts_with(marker.as_str()) {
                out.push(marker.clone());
                fence = None;
            } else {
                out.push(line.to_string());
            }
            continue;
        }
        if let Some(marker) = fence_marker(trimmed) {
            paragraphs(&text.join("\n"), &mut out);
            text.clear();
            // Every code block is text: nothing in a description is Rust.
            out.push(format!("{marker}text"));
            fence = Some(marker);
            continue;
        }
        text.push(line);
    }
    paragraphs(&text.join("\n"), &mut out);
    if let Some(marker) = fence {
        out.push(marker);
    }
    while out.last().is_some_and(String::is_empty) {
        out.pop();
    }
    while out.first().is_some_and(String::is_empty) {
        out.remove(0);
    }
    out
}

/// Text that is safe inside an inline code span on one doc line, such as
/// an enum's wire value: control characters and text-direction overrides
/// escaped (a newline could end the span and start a code block), backticks
/// made quotes.
pub fn code_text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '`' => out.push('\''),
            c if c.is_control() || crate::error::is_bidi_control(c) => {
                out.extend(c.escape_unicode());
            }
            c => out.push(c),
        }
    }
    out
}

/// A description with only `\n` for line breaks (`\r` alone in a doc
/// comment is a compile error), tabs as spaces (clippy's
/// `tabs_in_doc_comments`), and other control characters and text-direction
/// overrides (rustc denies those in comments: "Trojan Source") shown
/// escaped, as `\u{202e}`.
fn plain(description: &str) -> String {
    let mut out = String::with_capacity(description.len());
    let mut chars = description.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            '\n' => out.push('\n'),
            '\t' => out.push_str("    "),
            c if c.is_control() || crate::error::is_bidi_control(c) => {
                out.extend(c.escape_unicode());
            }
            c => out.push(c),
        }
    }
    out
}

/// Prose between code blocks: escaped as a whole (links and code spans may
/// cross lines), then laid out block by block. The spec's hard line breaks
/// inside a paragraph or a list item are not kept: each block is joined
/// into one line and wrapped again, so no line holds a stray word.
fn paragraphs(text: &str, out: &mut Vec<String>) {
    if text.trim().is_empty() {
        if !text.is_empty() {
            out.push(String::new());
        }
        return;
    }
    let escaped = inline(text);
    // The block being gathered: its text, and its list indent if it is a
    // list item.
    let mut block: Option<(String, Option<usize>)> = None;
    let flush =
        |block: &mut Option<(String, Option<usize>)>, out: &mut Vec<String>| match block.take() {
            Some((text, Some(indent))) => wrap(&text, "", indent, out),
            Some((text, None)) => wrap(&text, "", 0, out),
            None => {}
        };
    // The indent of the list the previous lines belong to: a line that
    // follows a list item without a blank line continues it.
    let mut list_indent: Option<usize> = None;
    for line in escaped.lines() {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            flush(&mut block, out);
            out.push(String::new());
            list_indent = None;
            continue;
        }
        if let Some(indent) = list_item_indent(trimmed) {
            flush(&mut block, out);
            list_indent = Some(indent);
            block = Some((trimmed.to_string(), Some(indent)));
        } else if trimmed.starts_with('|') || trimmed.starts_with('#') {
            // Table rows and headings are one line each.
            flush(&mut block, out);
            wrap(trimmed, "", 0, out);
        } else if let Some((text, _)) = &mut block {
            text.push(' ');
            text.push_str(trimmed);
        } else {
            // No leading spaces: four would start an indented code block,
            // which rustdoc would compile as a doctest.
            block = Some((trimmed.to_string(), list_indent));
        }
    }
    flush(&mut block, out);
}

/// Breaks a long line at spaces, never so that a continuation line starts
/// a new Markdown block (a list item, heading, quote or table row).
fn wrap(line: &str, first_indent: &str, continuation_indent: usize, out: &mut Vec<String>) {
    if line.starts_with('|') || line.starts_with('#') || line.len() + first_indent.len() <= WIDTH {
        out.push(format!("{first_indent}{line}"));
        return;
    }
    let cont = " ".repeat(continuation_indent);
    let mut current = first_indent.to_string();
    let mut current_has_word = false;
    for word in line.split(' ') {
        let fits = current.len() + 1 + word.len() <= WIDTH;
        // A line this short takes the next word even past the width (a
        // long link, say): a line of two words in a paragraph reads badly.
        let short = current.trim_start().chars().count() < MIN_LINE;
        if current_has_word && !fits && !short && !word.is_empty() && !starts_block(word) {
            out.push(std::mem::replace(&mut current, cont.clone()));
            current_has_word = false;
        }
        if current_has_word {
            current.push(' ');
        }
        current.push_str(word);
        current_has_word = true;
    }
    out.push(current);
}

fn starts_block(word: &str) -> bool {
    matches!(
        word.chars().next(),
        Some('-' | '+' | '*' | '#' | '>' | '=' | '|' | '`' | '~')
    ) || list_item_indent(&format!("{word} ")).is_some()
}

fn fence_marker(line: &str) -> Option<String> {
    ["```", "~~~"].iter().find_map(|m| {
        line.starts_with(m).then(|| {
            let ch = m.chars().next().unwrap_or('`');
            line.chars().take_while(|c| *c == ch).collect()
        })
    })
}

fn list_item_indent(line: &str) -> Option<usize> {
    if line.starts_with("- ") || line.starts_with("* ") || line.starts_with("+ ") {
        return Some(2);
    }
    // CommonMark: an ordered list marker has one to nine digits.
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    ((1..=9).contains(&digits)
        && (line[digits..].starts_with(". ") || line[digits..].starts_with(") ")))
    .then_some(digits + 2)
}

/// Escapes one line outside code spans: HTML and stray brackets become
/// text, relative links absolute, bare URLs autolinks.
fn inline(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 16);
    let mut rest = line;
    while !rest.is_empty() {
        let ticks = rest.chars().take_while(|c| *c == '`').count();
        if ticks > 0 {
            let marker = &rest[..ticks];
            // A span stays on its line: Markdown reads the block structure
            // first, so a later line of a "span" could start an HTML block
            // or a heading whose text this function never escaped.
            let line_end = rest.find('\n').unwrap_or(rest.len());
            if let Some(end) = rest[ticks..line_end].find(marker) {
                let span_end = ticks + end + ticks;
                out.push_str(&rest[..span_end]);
                rest = &rest[span_end..];
            } else {
                // An unmatched backtick is literal text.
                for _ in 0..ticks {
                    out.push_str("\\`");
                }
                rest = &rest[ticks..];
            }
            continue;
        }
        let end = rest.find('`').unwrap_or(rest.len());
        out.push_str(&prose(&rest[..end]));
        rest = &rest[end..];
    }
    out
}

fn prose(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            // An image would load whatever the spec points at: a link will do.
            '!' if chars.get(i + 1) == Some(&'[') => out.push_str("\\!"),
            '[' => {
                let link = link_at(&chars, i).filter(|&(label_end, target_end)| {
                    let target: String = chars[label_end + 2..target_end].iter().collect();
                    safe_target(target.trim())
                });
                if let Some((label_end, target_end)) = link {
                    let label: String = chars[i + 1..label_end].iter().collect();
                    let target: String = chars[label_end + 2..target_end].iter().collect();
                    out.push('[');
                    out.push_str(&prose(&label));
                    out.push_str("](");
                    out.push_str(&absolute(target.trim()));
                    out.push(')');
                    i = target_end + 1;
                    continue;
                }
                out.push_str("\\[");
            }
            ']' => out.push_str("\\]"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            'h' if starts_with(&chars, i, "https://") || starts_with(&chars, i, "http://") => {
                let end = (i..chars.len())
                    .find(|&j| {
                        chars[j].is_whitespace() || matches!(chars[j], '<' | '>' | '"' | '[' | ']')
                    })
                    .unwrap_or(chars.len());
                let mut url: String = chars[i..end].iter().collect();
                // Sentence punctuation after a URL is not part of it.
                let mut tail = String::new();
                while url.ends_with(['.', ',', ';', ':', ')', '!', '?']) {
                    tail.insert(0, url.pop().unwrap_or('.'));
                }
                out.push('<');
                out.push_str(&url);
                out.push('>');
                out.push_str(&tail);
                i = end;
                continue;
            }
            _ => out.push(c),
        }
        i += 1;
    }
    out
}

fn starts_with(chars: &[char], at: usize, needle: &str) -> bool {
    needle
        .chars()
        .enumerate()
        .all(|(k, n)| chars.get(at + k) == Some(&n))
}

/// `[label](target)` starting at `at`: the indexes of `]` and `)`.
fn link_at(chars: &[char], at: usize) -> Option<(usize, usize)> {
    let mut depth = 0;
    let mut label_end = None;
    for (j, c) in chars.iter().enumerate().skip(at) {
        match c {
            '[' => depth += 1,
            ']' => {
                depth -= 1;
                if depth == 0 {
                    label_end = Some(j);
                    break;
                }
            }
            _ => {}
        }
    }
    let label_end = label_end?;
    if chars.get(label_end + 1) != Some(&'(') {
        return None;
    }
    let mut depth = 0;
    for (j, c) in chars.iter().enumerate().skip(label_end + 1) {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    return Some((label_end, j));
                }
            }
            ' ' | '\n' => return None,
            _ => {}
        }
    }
    None
}

/// Link targets kept as links: web and mail addresses, and Stripe's
/// site-relative paths. Anything else (`javascript:`, `data:`, a Rust path
/// that rustdoc would try to resolve) stays text.
fn safe_target(target: &str) -> bool {
    let scheme_ok = target.starts_with("https://")
        || target.starts_with("http://")
        || target.starts_with("mailto:")
        || (target.starts_with('/') && !target.starts_with("//"));
    scheme_ok
        && !target
            .chars()
            .any(|c| matches!(c, '<' | '>' | '"' | '\'' | '`' | '\\') || c.is_whitespace())
}

fn absolute(target: &str) -> String {
    if target.starts_with('/') && !target.starts_with("//") {
        format!("{DOCS_HOST}{target}")
    } else {
        target.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn makes_relative_links_absolute() {
        assert_eq!(
            rustdoc("See [checks](/docs/identity/verification-checks) and [api](https://stripe.com/docs/api).").join(" "),
            "See [checks](https://stripe.com/docs/identity/verification-checks) and [api](https://stripe.com/docs/api)."
        );
    }

    #[test]
    fn code_blocks_become_text_and_are_always_closed() {
        let doc = rustdoc("Example:\n```\nfn main() { panic!() }\n```\nthen\n```rust\nlet x = 1;");
        assert_eq!(
            doc,
            [
                "Example:",
                "```text",
                "fn main() { panic!() }",
                "```",
                "then",
                "```text",
                "let x = 1;",
                "```"
            ]
        );
    }

    #[test]
    fn indented_lines_cannot_become_doctests() {
        assert_eq!(
            rustdoc("Intro\n\n    assert!(false);"),
            ["Intro", "", "assert!(false);"]
        );
    }

    #[test]
    fn links_may_cross_lines() {
        assert_eq!(
            rustdoc("what [verification\ncheck](/docs/identity/checks) to do"),
            ["what [verification check](https://stripe.com/docs/identity/checks) to do"]
        );
    }

    #[test]
    fn long_lines_wrap_at_spaces_without_starting_blocks() {
        let long = format!(
            "{} - not a list item {}",
            "word ".repeat(16).trim(),
            "tail ".repeat(10).trim()
        );
        let doc = rustdoc(&long);
        assert!(doc.len() > 1, "{doc:?}");
        assert!(doc.iter().all(|l| l.len() <= WIDTH + 8), "{doc:?}");
        assert!(doc.iter().all(|l| !l.starts_with('-')), "{doc:?}");
        assert_eq!(doc.join(" "), long);
        let item = format!("- {}", "word ".repeat(30).trim());
        let doc = rustdoc(&item);
        assert!(doc[1..].iter().all(|l| l.starts_with("  word")), "{doc:?}");
    }

    #[test]
    fn html_brackets_and_bare_urls_are_escaped() {
        assert_eq!(
            rustdoc("a <b>bold</b> [note] x[0] see https://stripe.com/x."),
            ["a &lt;b&gt;bold&lt;/b&gt; \\[note\\] x\\[0\\] see <https://stripe.com/x>."]
        );
        assert_eq!(
            rustdoc("*/ #[cfg(x)] `<T>` and `a`b"),
            ["*/ #\\[cfg(x)\\] `<T>` and `a`b"]
        );
        assert_eq!(rustdoc("odd ` tick"), ["odd \\` tick"]);
    }

    #[test]
    fn control_characters_and_direction_overrides_are_shown_escaped() {
        assert_eq!(
            rustdoc("a\rb\r\nc\td \u{0} \u{202e}x\u{2069}"),
            ["a b c    d \\u{0} \\u{202e}x\\u{2069}"]
        );
        assert_eq!(
            rustdoc("```\n\tcode\u{202e}\n```"),
            ["```text", "    code\\u{202e}", "```"]
        );
        assert_eq!(code_text("a`b\n\u{202e}"), "a'b\\u{a}\\u{202e}");
    }

    #[test]
    fn only_web_links_stay_links_and_images_become_links() {
        assert_eq!(
            rustdoc("[a](javascript:alert(1)) [b](crate::X) [c](//evil) [d](mailto:x@y.z)"),
            ["\\[a\\](javascript:alert(1)) \\[b\\](crate::X) \\[c\\](//evil) [d](mailto:x@y.z)"]
        );
        assert_eq!(
            rustdoc("![pixel](https://example.com/p.png)"),
            ["\\![pixel](https://example.com/p.png)"]
        );
    }

    #[test]
    fn code_spans_stay_on_their_line() {
        // Markdown would end the "span" at the line break and read
        // `<script>` as an HTML block: it must be escaped (and the joined
        // paragraph keeps it escaped).
        assert_eq!(
            rustdoc("`a\n<script>x</script>`"),
            ["\\`a &lt;script&gt;x&lt;/script&gt;\\`"]
        );
        assert_eq!(rustdoc("`<T>` and `a`"), ["`<T>` and `a`"]);
    }

    #[test]
    fn ten_digits_are_not_a_list_marker() {
        assert_eq!(
            rustdoc("- item\n1234567890. more\ncontinued"),
            ["- item 1234567890. more continued"]
        );
    }

    #[test]
    fn hard_line_breaks_inside_a_paragraph_are_rewrapped() {
        let doc = rustdoc(
            "A VerificationSession transitions through [multiple\nstatuses](/docs/x) throughout its lifetime as it progresses through\nthe verification flow.\n\nRelated guide: the API",
        );
        assert_eq!(
            doc,
            [
                "A VerificationSession transitions through [multiple statuses](https://stripe.com/docs/x)",
                "throughout its lifetime as it progresses through the verification flow.",
                "",
                "Related guide: the API"
            ]
        );
    }

    #[test]
    fn list_continuations_are_indented() {
        assert_eq!(
            rustdoc("Values:\n- `a`: first\ncontinued\n- `b`\n\nAfter."),
            ["Values:", "- `a`: first continued", "- `b`", "", "After."]
        );
    }
}
