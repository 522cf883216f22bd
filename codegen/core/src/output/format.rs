//! Rust tokens -> the text of a file.
//!
//! Takes a file's token stream (or a planned file); gives its text: items
//! parsed with syn and printed with prettyplease, a blank line between
//! them, and the runtime macros' lists (`stripe_types::object!` and the
//! like) laid out one entry per line, which prettyplease cannot do.

use proc_macro2::{Delimiter, TokenStream, TokenTree};

use super::File;
use crate::emit::crates::Plan;
use crate::error::Error;

/// Formats a token stream as a Rust file, with a blank line between items
/// (but not between `use` lines), as people write them.
///
/// syn parses the file and prettyplease prints each item, but for the
/// runtime macros' lists (`list_macro`), which prettyplease cannot lay
/// out one entry per line as it does not know their grammar.
pub fn format(tokens: TokenStream, what: &str) -> Result<String, Error> {
    let file: syn::File = syn::parse2(tokens).map_err(|e| {
        Error::internal(format!("the code generated for {what} does not parse: {e}"))
    })?;
    let mut out = String::new();
    // Inner attributes (a lib.rs's `//!` docs) are the file's.
    if !file.attrs.is_empty() {
        out.push_str(&prettyplease::unparse(&syn::File {
            shebang: None,
            attrs: file.attrs,
            items: vec![],
        }));
    }
    let mut previous_was_use = false;
    for item in file.items {
        let is_use = matches!(item, syn::Item::Use(_));
        if !(out.is_empty() || is_use && previous_was_use) {
            out.push('\n');
        }
        previous_was_use = is_use;
        if let syn::Item::Macro(m) = &item {
            if let Some(text) = list_macro(m) {
                out.push_str(&text);
                continue;
            }
        }
        out.push_str(&prettyplease::unparse(&syn::File {
            shebang: None,
            attrs: vec![],
            items: vec![item],
        }));
    }
    Ok(out)
}

/// A braced macro call at the top of a file, such as `stripe_types::object!
/// { Name { key: "key" (required), } unknown }`, laid out as a list: one
/// entry (up to its `,` or `;`) per line, a braced group as an indented
/// block. prettyplease would fill the lines with tokens, as it cannot know
/// the macro's grammar. `None` for what this layout is not for: another
/// delimiter, attributes, a `macro_rules!`.
fn list_macro(m: &syn::ItemMacro) -> Option<String> {
    if !m.attrs.is_empty()
        || m.ident.is_some()
        || !matches!(m.mac.delimiter, syn::MacroDelimiter::Brace(_))
    {
        return None;
    }
    let path = m
        .mac
        .path
        .segments
        .iter()
        .map(|s| s.ident.to_string())
        .collect::<Vec<_>>();
    let mut out = format!("{}! {{\n", path.join("::"));
    list_body(m.mac.tokens.clone(), 1, &mut out);
    out.push_str("}\n");
    Some(out)
}

/// The lines of a [`list_macro`]'s body, at `depth` indents.
fn list_body(tokens: TokenStream, depth: usize, out: &mut String) {
    let indent = "    ".repeat(depth);
    let mut line = String::new();
    let flush = |line: &mut String, out: &mut String| {
        if !line.is_empty() {
            out.push_str(&indent);
            out.push_str(line);
            out.push('\n');
            line.clear();
        }
    };
    for tree in tokens {
        match tree {
            TokenTree::Group(g) if g.delimiter() == Delimiter::Brace => {
                line.push_str(if line.is_empty() { "{" } else { " {" });
                flush(&mut line, out);
                list_body(g.stream(), depth + 1, out);
                line.push('}');
                flush(&mut line, out);
            }
            TokenTree::Punct(p) if matches!(p.as_char(), ',' | ';') => {
                line.push(p.as_char());
                flush(&mut line, out);
            }
            other => inline(other, &mut line),
        }
    }
    flush(&mut line, out);
}

/// A token of a list entry, written on its line: a space between tokens,
/// none before `:`, `,`, `.` or `;`, none inside parentheses, and none in
/// a type's path or around its generic arguments (`stripe_types::List<T>`;
/// the lists hold no comparisons).
fn inline(tree: TokenTree, line: &mut String) {
    let tight = match &tree {
        TokenTree::Punct(p) => matches!(p.as_char(), ':' | ',' | '.' | ';' | '<' | '>'),
        _ => false,
    };
    let after_open = line.is_empty()
        || line.ends_with('(')
        || line.ends_with('.')
        || line.ends_with('<')
        || line.ends_with("::");
    if !(tight || after_open) {
        line.push(' ');
    }
    match tree {
        TokenTree::Group(g) => {
            let (open, close) = match g.delimiter() {
                Delimiter::Parenthesis => ('(', ')'),
                Delimiter::Bracket => ('[', ']'),
                Delimiter::Brace => ('{', '}'),
                Delimiter::None => (' ', ' '),
            };
            line.push(open);
            for inner in g.stream() {
                inline(inner, line);
            }
            line.push(close);
        }
        other => line.push_str(&other.to_string()),
    }
}

/// File `i` of `plan`, its Rust code formatted from `tokens` (those of
/// [`Plan::tokens`]; ignored for a file that is not Rust).
pub fn format_file(plan: &Plan<'_>, i: usize, tokens: Option<TokenStream>) -> Result<File, Error> {
    let contents = match (plan.text(i), tokens) {
        (Some(text), _) => text.to_string(),
        (None, None) => return Err(Error::internal(format!("no tokens for {}", plan.path(i)))),
        (None, Some(tokens)) => format!("{}\n{}", plan.header(), format(tokens, &plan.what(i))?),
    };
    Ok(File {
        path: plan.path(i).to_string(),
        contents,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_keep_their_inner_docs_and_group_their_uses() {
        let tokens = quote::quote! {
            #![doc = r" The crate."]
            use a::B;
            use c::D;
            #[doc = r" A thing."]
            pub struct Thing { pub b: B }
            impl Thing { pub fn d(&self) -> D { todo!() } }
        };
        assert_eq!(
            format(tokens, "lib.rs").unwrap(),
            "//! The crate.\n\nuse a::B;\nuse c::D;\n\n/// A thing.\npub struct Thing {\n    \
             pub b: B,\n}\n\nimpl Thing {\n    pub fn d(&self) -> D {\n        todo!()\n    \
             }\n}\n"
        );
    }

    #[test]
    fn code_that_does_not_parse_is_an_error_naming_the_file() {
        let e = format(quote::quote! { pub struct Thing { pub b: } }, "thing.rs").unwrap_err();
        assert!(
            e.to_string()
                .contains("the code generated for thing.rs does not parse: "),
            "{e}"
        );
    }
}
