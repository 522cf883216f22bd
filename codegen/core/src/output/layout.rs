//! Items laid out without syn: a file's tokens split into items, the
//! runtime macros' lists one entry per line, and struct and enum
//! definitions of the plain shape the emitter writes, printed exactly as
//! prettyplease prints them. Parsing with syn was most of the formatting
//! time, and these items are most of the output; anything else, or any
//! doubt (an attribute of another shape, a type with more than paths and
//! generic arguments, a line long enough for prettyplease to break), is
//! `None`, for syn and prettyplease.

use proc_macro2::{Delimiter, Spacing, TokenStream, TokenTree};

/// prettyplease's margin: a longer line with somewhere to break (inside
/// generic arguments, between attribute arguments) is broken there.
const MARGIN: usize = 89;

/// Whether the tokens start with an inner attribute (`#![...]`, a
/// `//!` doc), which belongs to the file rather than to an item.
pub fn starts_with_inner_attr(trees: &[TokenTree]) -> bool {
    matches!(trees, [TokenTree::Punct(hash), TokenTree::Punct(bang), ..]
        if hash.as_char() == '#' && bang.as_char() == '!')
}

/// The top-level items of a file: each ends at a `;`, or at a braced
/// group not followed by one (`const _: () = { ... };` takes its `;`).
pub fn split(trees: Vec<TokenTree>) -> Vec<Vec<TokenTree>> {
    let mut items = Vec::new();
    let mut item = Vec::new();
    let mut trees = trees.into_iter().peekable();
    while let Some(tree) = trees.next() {
        let ends = match &tree {
            TokenTree::Punct(p) => p.as_char() == ';',
            TokenTree::Group(g) => {
                g.delimiter() == Delimiter::Brace
                    && !matches!(trees.peek(), Some(TokenTree::Punct(p)) if p.as_char() == ';')
            }
            _ => false,
        };
        item.push(tree);
        if ends {
            items.push(std::mem::take(&mut item));
        }
    }
    if !item.is_empty() {
        items.push(item);
    }
    items
}

/// The tokens after the outer attributes.
fn after_attrs(mut item: &[TokenTree]) -> &[TokenTree] {
    while let [TokenTree::Punct(hash), TokenTree::Group(g), rest @ ..] = item {
        if hash.as_char() != '#' || g.delimiter() != Delimiter::Bracket {
            break;
        }
        item = rest;
    }
    item
}

/// Whether the item is a `use` (public or not).
pub fn is_use(item: &[TokenTree]) -> bool {
    let rest = match after_attrs(item) {
        [TokenTree::Ident(vis), TokenTree::Group(g), rest @ ..]
            if vis == "pub" && g.delimiter() == Delimiter::Parenthesis =>
        {
            rest
        }
        [TokenTree::Ident(vis), rest @ ..] if vis == "pub" => rest,
        rest => rest,
    };
    matches!(rest, [TokenTree::Ident(kw), ..] if kw == "use")
}

/// A braced macro call, such as `stripe_types::object! { Name { key:
/// "key" (required), } unknown }`, laid out as a list: one entry (up to
/// its `,` or `;`) per line, a braced group as an indented block.
/// prettyplease would fill the lines with tokens, as it cannot know the
/// macro's grammar. `None` for another item, or a call with attributes or
/// another delimiter.
pub fn list_macro(item: &[TokenTree]) -> Option<String> {
    let [path @ .., TokenTree::Punct(bang), TokenTree::Group(body)] = item else {
        return None;
    };
    if bang.as_char() != '!' || body.delimiter() != Delimiter::Brace {
        return None;
    }
    let path = type_text(path)?;
    let mut out = format!("{path}! {{\n");
    list_body(body.stream(), 1, &mut out);
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

/// A struct with named fields or an enum of unit and one-field variants,
/// `pub`, without generics, laid out as prettyplease lays it out.
pub fn definition(item: &[TokenTree]) -> Option<String> {
    let mut out = String::new();
    let rest = attrs(item, "", &mut out)?;
    let [TokenTree::Ident(vis), TokenTree::Ident(kind), TokenTree::Ident(name), TokenTree::Group(body)] =
        rest
    else {
        return None;
    };
    let is_struct = kind == "struct";
    if vis != "pub" || !(is_struct || kind == "enum") || body.delimiter() != Delimiter::Brace {
        return None;
    }
    let header = format!("pub {kind} {name} {{");
    let body: Vec<TokenTree> = body.stream().into_iter().collect();
    let entries = split_commas(&body)?;
    if entries.is_empty() {
        out.push_str(&header);
        out.push_str("}\n");
        return Some(out);
    }
    out.push_str(&header);
    out.push('\n');
    for entry in entries {
        let rest = attrs(entry, "    ", &mut out)?;
        if is_struct {
            field(rest, &mut out)?;
        } else {
            variant(rest, &mut out)?;
        }
    }
    out.push_str("}\n");
    Some(out)
}

/// Whether prettyplease keeps `line` whole: it breaks only inside
/// brackets, and only past its margin.
fn fits(line: &str) -> bool {
    !line.contains(['<', '(']) || line.chars().count() <= MARGIN
}

/// `head`, the type, then `,` (`Tail::Comma`: a field's, counted in the
/// width) or a trailing comma (`Tail::Trailing`: one prettyplease writes
/// only when it breaks the list, and so does not count), on one line if
/// it fits, else broken as prettyplease breaks it: after the outer `<`,
/// each argument on its line one indent deeper (broken the same way if it
/// does not fit there), then `>` and the comma.
fn type_lines(
    head: &str,
    ty: &[TokenTree],
    tail: Tail,
    indent: usize,
    out: &mut String,
) -> Option<()> {
    let text = format!("{head}{}", type_text(ty)?);
    let measured = match tail {
        Tail::Comma => format!("{text},"),
        Tail::Trailing => text.clone(),
    };
    if fits(&measured) {
        out.push_str(&text);
        out.push_str(",\n");
        return Some(());
    }
    // `Path<A, B>`: the path, then the arguments at depth 1.
    let open = ty
        .iter()
        .position(|t| matches!(t, TokenTree::Punct(p) if p.as_char() == '<'))?;
    let [args @ .., TokenTree::Punct(close)] = &ty[open + 1..] else {
        return None;
    };
    if close.as_char() != '>' {
        return None;
    }
    out.push_str(&format!("{head}{}<\n", type_text(&ty[..open])?));
    let inner = " ".repeat(indent + 4);
    for arg in split_commas(args)? {
        type_lines(&inner, arg, Tail::Trailing, indent + 4, out)?;
    }
    out.push_str(&format!("{}>,\n", " ".repeat(indent)));
    Some(())
}

/// What ends a line of [`type_lines`]; either way a `,`.
#[derive(Clone, Copy)]
enum Tail {
    /// A field's or variant's comma, which prettyplease always writes.
    Comma,
    /// The trailing comma of a broken list, written only when broken.
    Trailing,
}

/// `tokens` split at the commas outside generic arguments: a body's
/// fields or variants, a type's arguments. A trailing comma ends the last
/// part; `None` if the `<>` do not pair. (What else a part holds, such as
/// `->` or a lifetime, [`type_text`] refuses.)
fn split_commas(tokens: &[TokenTree]) -> Option<Vec<&[TokenTree]>> {
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0usize, 0);
    for (i, tree) in tokens.iter().enumerate() {
        if let TokenTree::Punct(p) = tree {
            match p.as_char() {
                '<' => depth += 1,
                '>' => depth = depth.checked_sub(1)?,
                ',' if depth == 0 => {
                    parts.push(&tokens[start..i]);
                    start = i + 1;
                }
                _ => {}
            }
        }
    }
    if start < tokens.len() {
        parts.push(&tokens[start..]);
    }
    Some(parts)
}

/// `pub name: Type,`.
fn field(tokens: &[TokenTree], out: &mut String) -> Option<()> {
    let [TokenTree::Ident(vis), TokenTree::Ident(name), TokenTree::Punct(colon), ty @ ..] = tokens
    else {
        return None;
    };
    if vis != "pub" || colon.as_char() != ':' || colon.spacing() != Spacing::Alone {
        return None;
    }
    type_lines(&format!("    pub {name}: "), ty, Tail::Comma, 4, out)
}

/// `Name,` or `Name(Type),` (broken after `(` when too long).
fn variant(tokens: &[TokenTree], out: &mut String) -> Option<()> {
    match tokens {
        [TokenTree::Ident(name)] => {
            out.push_str(&format!("    {name},\n"));
            Some(())
        }
        [TokenTree::Ident(name), TokenTree::Group(g)]
            if g.delimiter() == Delimiter::Parenthesis =>
        {
            let inner: Vec<TokenTree> = g.stream().into_iter().collect();
            let line = format!("    {name}({}),", type_text(&inner)?);
            if fits(&line) {
                out.push_str(&line);
                out.push('\n');
                return Some(());
            }
            out.push_str(&format!("    {name}(\n"));
            type_lines("        ", &inner, Tail::Trailing, 8, out)?;
            out.push_str("    ),\n");
            Some(())
        }
        _ => None,
    }
}

/// A type (or path) made of names, `::`, generic arguments and the commas
/// between them, as prettyplease writes it: `Option<Box<T>>`,
/// `BTreeMap<String, String>`. `None` for anything else.
fn type_text(tokens: &[TokenTree]) -> Option<String> {
    let mut out = String::new();
    let mut after_ident = false;
    for tree in tokens {
        match tree {
            TokenTree::Ident(ident) => {
                if after_ident {
                    return None;
                }
                out.push_str(&ident.to_string());
                after_ident = true;
                continue;
            }
            TokenTree::Punct(p) => match p.as_char() {
                ':' | '<' | '>' => out.push(p.as_char()),
                ',' => out.push_str(", "),
                _ => return None,
            },
            _ => return None,
        }
        after_ident = false;
    }
    (!out.is_empty()).then_some(out)
}

/// Writes the outer attributes at the start of `item` as prettyplease
/// does (a doc line as `///`), each on its line at `indent`; gives the
/// tokens after them. `None` for an attribute of another shape.
fn attrs<'t>(mut item: &'t [TokenTree], indent: &str, out: &mut String) -> Option<&'t [TokenTree]> {
    while let [TokenTree::Punct(hash), rest @ ..] = item {
        if hash.as_char() != '#' {
            break;
        }
        let [TokenTree::Group(attr), rest @ ..] = rest else {
            return None;
        };
        if attr.delimiter() != Delimiter::Bracket {
            return None;
        }
        let inner: Vec<TokenTree> = attr.stream().into_iter().collect();
        out.push_str(indent);
        match inner.as_slice() {
            [TokenTree::Ident(doc), TokenTree::Punct(eq), TokenTree::Literal(text)]
                if doc == "doc" && eq.as_char() == '=' =>
            {
                let text = text.to_string();
                let value = string_value(&text)?;
                if value.contains(['\n', '\r']) || value.starts_with('/') {
                    return None;
                }
                out.push_str("///");
                out.push_str(value.trim_end_matches(' '));
            }
            // `#[name]`, `#[name(path, path)]`.
            [TokenTree::Ident(name)] => out.push_str(&format!("#[{name}]")),
            [TokenTree::Ident(name), TokenTree::Group(args)]
                if args.delimiter() == Delimiter::Parenthesis =>
            {
                let args: Vec<TokenTree> = args.stream().into_iter().collect();
                let args = type_text(&args)?;
                if args.contains(['<', '>']) {
                    return None;
                }
                let line = format!("#[{name}({args})]");
                if !fits(&format!("{indent}{line}")) {
                    return None;
                }
                out.push_str(&line);
            }
            _ => return None,
        }
        out.push('\n');
        item = rest;
    }
    Some(item)
}

/// The value of a string literal that needs no unescaping: a raw one, or
/// a plain one without `\`.
fn string_value(literal: &str) -> Option<&str> {
    if let Some(raw) = literal.strip_prefix('r') {
        let hashes = raw.len() - raw.trim_start_matches('#').len();
        let body = &raw[hashes..];
        let body = body.strip_prefix('"')?;
        let body = body.strip_suffix(&raw[..hashes])?;
        return body.strip_suffix('"');
    }
    let body = literal.strip_prefix('"')?.strip_suffix('"')?;
    (!body.contains('\\')).then_some(body)
}

#[cfg(test)]
mod tests {
    use quote::quote;

    use super::*;

    fn trees(tokens: TokenStream) -> Vec<TokenTree> {
        tokens.into_iter().collect()
    }

    /// What prettyplease makes of the item.
    fn pretty(tokens: &TokenStream) -> String {
        prettyplease::unparse(&syn::parse2::<syn::File>(tokens.clone()).unwrap())
    }

    #[test]
    fn definitions_are_laid_out_as_prettyplease_lays_them_out() {
        let long = "x".repeat(70);
        let doc = format!(" {long}");
        // Nowhere to break: prettyplease keeps it whole, past its margin.
        let unbreakable = quote::format_ident!("{}", "y".repeat(100));
        // 89 columns with its indent and comma: the longest it keeps whole.
        let at_margin = quote::format_ident!("{}", "z".repeat(61));
        let cases = [
            quote! {
                #[doc = r" A thing."]
                #[doc = r""]
                #[doc = r#" With "quotes" and trailing spaces.   "#]
                #[derive(Clone, Debug, PartialEq)]
                pub struct Thing {
                    #[doc = " `plain`"]
                    pub r#type: Option<std::collections::BTreeMap<String, Vec<u8>>>,
                    pub other: stripe_types::Expandable<Box<Other>>,
                    pub long: #unbreakable,
                    pub at_margin: Option<#at_margin>,
                    #[doc = #doc]
                    pub unknown_fields: stripe_types::UnknownFields
                }
            },
            quote! { pub struct Empty {} },
            // Too long: broken after `<`, nested and with several
            // arguments, each line measured as prettyplease measures it.
            quote! {
                pub struct Broken {
                    pub default_allowed_updates: Option<stripe_types::Unsettable<Vec<SubscriptionUpdateUpdatingParamDefaultAllowedUpdates>>>,
                    pub cancellation_reason: Option<stripe_types::Unsettable<Vec<SubscriptionCancellationReasonUpdatingParamOptions>>>,
                    pub supported_bank_account_currencies: std::collections::BTreeMap<String, Vec<String>>,
                    pub currency_options: Option<stripe_types::Unsettable<std::collections::BTreeMap<String, CreatePriceCurrencyOptionsValue>>>,
                    pub xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx: Option<String>,
                }
            },
            quote! {
                pub enum BrokenVariant {
                    PaymentIntentTypeSpecificPaymentMethodOptionsClient(Box<PaymentIntentTypeSpecificPaymentMethodOptionsClient>),
                    PaymentIntentPaymentMethodOptionsAcssDebitWithAVeryLongNameIndeed(PaymentIntentPaymentMethodOptionsAcssDebit),
                }
            },
            quote! {
                #[derive(Clone, Copy, Debug, PartialEq, Hash)]
                #[allow(clippy::enum_variant_names)]
                pub enum Color {
                    #[doc = " `red`"]
                    Red,
                    Other(Box<Thing>),
                    Unknown(String),
                }
            },
        ];
        for tokens in cases {
            let laid_out = definition(&trees(tokens.clone())).expect("a plain definition");
            assert_eq!(laid_out, pretty(&tokens), "{tokens}");
        }
    }

    #[test]
    fn anything_else_is_left_to_prettyplease() {
        for tokens in [
            quote! { struct Private { pub a: u8 } },
            quote! { pub struct Tuple(pub u8); },
            quote! { pub struct Generic<T> { pub a: T } },
            quote! { pub struct Array { pub a: [u8; 4] } },
            quote! { pub struct Reference { pub a: &'static str } },
            quote! { pub struct Hidden { pub(crate) a: u8 } },
            quote! { #[doc = "escaped \" quote"] pub struct Escaped {} },
            quote! { #[doc = r"/ slash"] pub struct Slash {} },
            quote! { #[cfg(feature = "json")] pub struct Cfg {} },
            quote! { pub enum Discriminant { A = 1 } },
            quote! { pub enum Named { A { a: u8 } } },
        ] {
            assert_eq!(definition(&trees(tokens.clone())), None, "{tokens}");
        }
    }

    #[test]
    fn a_file_splits_into_its_items() {
        let file = quote! {
            use a::b;
            pub use c::{d, e};
            #[doc = r" A thing."]
            pub struct Thing { pub a: u8 }
            impl Thing { fn f() {} }
            #[cfg(feature = "json")]
            const _: () = { let _ = 1; };
            stripe_types::object! { Thing { a: "a" (required), } }
            pub type Id = stripe_types::Id<Thing>;
        };
        let items: Vec<String> = split(trees(file))
            .into_iter()
            .map(|item| TokenStream::from_iter(item).to_string())
            .collect();
        assert_eq!(items.len(), 7, "{items:#?}");
        assert!(
            items[1].starts_with("pub use c :: { d , e } ;"),
            "{}",
            items[1]
        );
        assert!(items[4].ends_with("} ;"), "{}", items[4]);
        let uses: Vec<bool> = split(trees(
            quote! { use a; pub use b; #[x] pub(crate) use c; fn f() {} },
        ))
        .iter()
        .map(|item| is_use(item))
        .collect();
        assert_eq!(uses, [true, true, true, false]);
    }
}
