//! The crates' planned files -> formatted files -> disk.
//!
//! Takes an [`emit::crates::Plan`](crate::emit::crates::Plan); gives
//! [`File`]s: Rust formatted with prettyplease, several files at once on as
//! many threads as asked, then written all or nothing, or compared with what
//! is on disk.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use proc_macro2::{Delimiter, TokenStream, TokenTree};

use crate::emit::crates::Plan;
use crate::error::Error;

/// One output file, its path relative to the output directory.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct File {
    /// Such as `stripe-identity/src/lib.rs`.
    pub path: String,
    /// The formatted contents.
    pub contents: String,
}

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
            if let Some(text) = items_macro(m, what)? {
                out.push_str(&text);
                continue;
            }
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

/// `stripe_types::__if_json! { items }`, its items formatted as a file's
/// and indented; `None` for any other macro call.
fn items_macro(m: &syn::ItemMacro, what: &str) -> Result<Option<String>, Error> {
    if !m.attrs.is_empty()
        || m.mac
            .path
            .segments
            .last()
            .map_or(true, |s| s.ident != "__if_json")
    {
        return Ok(None);
    }
    let inner = format(m.mac.tokens.clone(), what)?;
    let mut out = String::from("stripe_types::__if_json! {\n");
    for line in inner.lines() {
        if !line.is_empty() {
            out.push_str("    ");
            out.push_str(line);
        }
        out.push('\n');
    }
    out.push_str("}\n");
    Ok(Some(out))
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

/// File `i` of `plan`, emitted and formatted.
pub fn file(plan: &Plan<'_>, i: usize) -> Result<File, Error> {
    format_file(plan, i, plan.tokens(i))
}

/// Every file of `plan`, in order, made on up to `threads` threads.
///
/// Tokens cannot move between threads (`proc_macro2` streams are not
/// `Send`), so each thread emits and formats whole files.
pub fn files(plan: &Plan<'_>, threads: usize) -> Result<Vec<File>, Error> {
    let indices: Vec<usize> = (0..plan.len()).collect();
    crate::parallel::map(&indices, threads, |&i| file(plan, i))
        .into_iter()
        .collect()
}

/// How a tree on disk differs from the files that would be written.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Drift {
    /// Files whose contents would change.
    pub changed: Vec<String>,
    /// Files that would be created.
    pub added: Vec<String>,
    /// Files that would be deleted.
    pub removed: Vec<String>,
}

impl Drift {
    /// Whether the tree is up to date.
    pub fn is_empty(&self) -> bool {
        self.changed.is_empty() && self.added.is_empty() && self.removed.is_empty()
    }

    /// One line per file: `changed: path`, `added: path`, `removed: path`.
    pub fn lines(&self) -> Vec<String> {
        let tagged =
            |tag: &str, v: &[String]| v.iter().map(|p| format!("{tag}: {p}")).collect::<Vec<_>>();
        [
            tagged("changed", &self.changed),
            tagged("added", &self.added),
            tagged("removed", &self.removed),
        ]
        .concat()
    }
}

/// `result`, its error tied to the file or folder it is about.
fn at<T>(path: &Path, result: io::Result<T>) -> Result<T, Error> {
    result.map_err(|e| Error::io(path.display().to_string(), &e))
}

fn list(root: &Path, dir: &Path, out: &mut Vec<String>) -> Result<(), Error> {
    for entry in at(dir, fs::read_dir(dir))? {
        let entry = at(dir, entry)?;
        let path = entry.path();
        if at(&path, entry.file_type())?.is_dir() {
            if path.file_name().is_some_and(|n| n == "target") {
                continue;
            }
            list(root, &path, out)?;
        } else {
            let rel = path.strip_prefix(root).unwrap_or(&path);
            out.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
    Ok(())
}

/// Compares `files` with what is under `root` (which may not exist).
pub fn drift(root: &Path, files: &[File]) -> Result<Drift, Error> {
    let mut on_disk = Vec::new();
    if root.exists() {
        list(root, root, &mut on_disk)?;
    }
    on_disk.sort();
    let mut drift = Drift::default();
    for file in files {
        let path = root.join(&file.path);
        match fs::read(&path) {
            Ok(bytes) if bytes == file.contents.as_bytes() => {}
            Ok(_) => drift.changed.push(file.path.clone()),
            Err(e) if e.kind() == io::ErrorKind::NotFound => drift.added.push(file.path.clone()),
            Err(e) => return Err(Error::io(path.display().to_string(), &e)),
        }
    }
    for path in on_disk {
        if !files.iter().any(|f| f.path == path) {
            drift.removed.push(path);
        }
    }
    Ok(drift)
}

/// Replaces the directory `root` with exactly `files`. Everything is
/// written to a sibling directory first and swapped in (on Linux with one
/// atomic exchange), so `root` is at every moment the old tree or the new
/// one: a failure, or the process killed, leaves it as it was. What a
/// killed run leaves beside it (`.NAME.new-PID`) the next run removes.
pub fn replace_tree(root: &Path, files: &[File]) -> Result<(), Error> {
    let parent = root
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    at(parent, fs::create_dir_all(parent))?;
    let name = root
        .file_name()
        .ok_or_else(|| {
            let e = io::Error::new(io::ErrorKind::InvalidInput, "the output folder has no name");
            Error::io(root.display().to_string(), &e)
        })?
        .to_string_lossy()
        .into_owned();
    recover(root, parent, &name)?;
    let staging = parent.join(format!(".{name}.new-{}", std::process::id()));
    let backup = parent.join(format!(".{name}.old-{}", std::process::id()));
    let result = write_all(&staging, files).and_then(|()| swap(root, &staging, &backup));
    if result.is_err() {
        let _ = fs::remove_dir_all(&staging);
    }
    result
}

/// Cleans up after runs that were killed: their half-written `.NAME.new-*`
/// folders go; a `.NAME.old-*` folder comes back as `root` if `root` is
/// missing (killed between the two renames where there is no atomic
/// exchange), else goes. Folders of a run still going are left alone.
fn recover(root: &Path, parent: &Path, name: &str) -> Result<(), Error> {
    let Ok(entries) = fs::read_dir(parent) else {
        return Ok(());
    };
    let (new, old) = (format!(".{name}.new-"), format!(".{name}.old-"));
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = file_name
            .strip_prefix(&new)
            .or_else(|| file_name.strip_prefix(&old))
        else {
            continue;
        };
        if running(pid) {
            continue;
        }
        let path = entry.path();
        if file_name.starts_with(&old) && !root.exists() {
            at(root, fs::rename(&path, root))?;
        } else {
            at(&path, fs::remove_dir_all(&path))?;
        }
    }
    Ok(())
}

/// Whether `pid` (a folder's suffix) is a process still running, other
/// than this one; without `/proc`, any other process counts as gone.
fn running(pid: &str) -> bool {
    pid != std::process::id().to_string() && Path::new("/proc").join(pid).exists()
}

fn write_all(dir: &Path, files: &[File]) -> Result<(), Error> {
    if dir.exists() {
        at(dir, fs::remove_dir_all(dir))?;
    }
    for file in files {
        let path: PathBuf = dir.join(&file.path);
        if let Some(p) = path.parent() {
            at(p, fs::create_dir_all(p))?;
        }
        at(&path, fs::write(&path, &file.contents))?;
    }
    at(dir, fs::create_dir_all(dir))
}

/// Puts `staging` where `root` is; the old tree is deleted.
fn swap(root: &Path, staging: &Path, backup: &Path) -> Result<(), Error> {
    if !root.exists() {
        return at(root, fs::rename(staging, root));
    }
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{renameat_with, RenameFlags, CWD};
        // One step: `root` is the new tree, `staging` the old one.
        if renameat_with(CWD, staging, CWD, root, RenameFlags::EXCHANGE).is_ok() {
            let _ = fs::remove_dir_all(staging);
            return Ok(());
        }
        // A file system without RENAME_EXCHANGE: two renames, as elsewhere.
    }
    at(root, fs::rename(root, backup))?;
    if let Err(e) = fs::rename(staging, root) {
        let _ = fs::rename(backup, root);
        return Err(Error::io(root.display().to_string(), &e));
    }
    let _ = fs::remove_dir_all(backup);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, contents: &str) -> File {
        File {
            path: path.into(),
            contents: contents.into(),
        }
    }

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

    #[test]
    fn a_failed_write_names_the_path_and_leaves_nothing() {
        let tmp = std::env::temp_dir().join(format!("stripe-codegen-io-{}", std::process::id()));
        let _ = fs::remove_dir_all(&tmp);
        fs::create_dir_all(&tmp).unwrap();
        // A file where the output folder's parent should be.
        let blocker = tmp.join("not-a-folder");
        fs::write(&blocker, "x").unwrap();
        let e = replace_tree(&blocker.join("generated"), &[file("a/src/lib.rs", "x")]).unwrap_err();
        assert!(
            matches!(e.kind, crate::error::ErrorKind::Io { .. }),
            "{e:?}"
        );
        assert!(
            e.to_string()
                .starts_with(&format!("{}: ", blocker.display())),
            "{e}"
        );
        let names: Vec<_> = fs::read_dir(&tmp)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["not-a-folder"]);
        fs::remove_dir_all(&tmp).unwrap();
    }

    #[test]
    fn what_killed_runs_left_is_cleaned_up_or_restored() {
        let tmp = std::env::temp_dir().join(format!("stripe-codegen-kill-{}", std::process::id()));
        let _ = fs::remove_dir_all(&tmp);
        let root = tmp.join("generated");
        // A run killed mid-write, and one killed between the two renames
        // (the old tree moved aside, the new one not yet in place); no
        // process has these ids.
        let dead = u32::MAX - 1;
        write_all(
            &tmp.join(format!(".generated.new-{dead}")),
            &[file("half", "x")],
        )
        .unwrap();
        write_all(
            &tmp.join(format!(".generated.old-{}", dead - 1)),
            &[file("old", "o")],
        )
        .unwrap();
        recover(&root, &tmp, "generated").unwrap();
        assert_eq!(fs::read_to_string(root.join("old")).unwrap(), "o");
        replace_tree(&root, &[file("new", "n")]).unwrap();
        assert!(drift(&root, &[file("new", "n")]).unwrap().is_empty());
        let names: Vec<_> = fs::read_dir(&tmp)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["generated"]);
        fs::remove_dir_all(&tmp).unwrap();
    }

    #[test]
    fn replaces_a_tree_and_reports_drift() {
        let tmp =
            std::env::temp_dir().join(format!("stripe-codegen-output-{}", std::process::id()));
        let root = tmp.join("generated");
        let _ = fs::remove_dir_all(&tmp);
        let v1 = [file("a/Cargo.toml", "1"), file("a/src/lib.rs", "x")];
        assert_eq!(drift(&root, &v1).unwrap().added.len(), 2);
        replace_tree(&root, &v1).unwrap();
        assert!(drift(&root, &v1).unwrap().is_empty());
        let v2 = [file("a/Cargo.toml", "2"), file("b/src/lib.rs", "y")];
        let d = drift(&root, &v2).unwrap();
        assert_eq!(
            d.lines(),
            [
                "changed: a/Cargo.toml",
                "added: b/src/lib.rs",
                "removed: a/src/lib.rs"
            ]
        );
        replace_tree(&root, &v2).unwrap();
        assert!(drift(&root, &v2).unwrap().is_empty());
        assert!(!root.join("a/src/lib.rs").exists());
        let leftovers: Vec<_> = fs::read_dir(&tmp)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(leftovers, ["generated"]);
        fs::remove_dir_all(&tmp).unwrap();
    }

    #[test]
    fn a_failed_write_leaves_the_old_tree_alone() {
        let tmp = std::env::temp_dir().join(format!("stripe-codegen-fail-{}", std::process::id()));
        let root = tmp.join("generated");
        let _ = fs::remove_dir_all(&tmp);
        replace_tree(&root, &[file("a/src/lib.rs", "old")]).unwrap();
        // A file and a directory at the same path cannot both be written.
        let bad = [file("a/x", "1"), file("a/x/y", "2")];
        assert!(replace_tree(&root, &bad).is_err());
        assert_eq!(
            fs::read_to_string(root.join("a/src/lib.rs")).unwrap(),
            "old"
        );
        let leftovers: Vec<_> = fs::read_dir(&tmp)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(leftovers, ["generated"]);
        fs::remove_dir_all(&tmp).unwrap();
    }
}
