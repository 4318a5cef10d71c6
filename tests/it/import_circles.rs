//! Issue 12's done-when, checked on the source: no import circles between the files of
//! `src/`, and no `.rs` file under `src/` or `tests/` over 600 lines.
//!
//! The graph "file A depends on file B" is built like this:
//! - The files are the library's modules, found from `src/lib.rs` through its `mod x;`
//!   declarations (`x.rs`, `x/mod.rs` or a `#[path = "…"]`); `src/main.rs` is a crate of its
//!   own and imports the library by name, so it is not part of the graph.
//! - Comments and string literals are skipped. A path is read from every `use` item (with
//!   nested `{…}` groups, `self` and `as`) and from every path written in code that starts
//!   with `crate::`, `super::` or `self::`, with a child module's name (`api::Call`) or with a
//!   name that a `use` of the file bound to a module (`use crate::store;` … `store::x::y()`).
//! - A path resolves to the file of its deepest existing module (`src/a/b.rs` or
//!   `src/a/b/mod.rs`, else the parent module's file). When the next segment is a name that
//!   module itself imports (`pub use …` or a plain `use …`), the path follows that import
//!   to where the item really lives: `super::Store` in a child, when the parent only
//!   re-exports `Store`, depends on the file that defines `Store`, not on the parent.
//! - A `use` that only names a module (`use crate::store;`) adds no edge by itself; the paths
//!   written through it do. A `pub use` adds no edge either: a re-export is a signpost, not
//!   a use — whoever names the item through it depends on the file that defines it. A
//!   `mod x;` declaration is no edge, and a `#[path]` module outside `src/` (the fakes the
//!   unit tests share with `tests/it/common/`) is not part of the graph.
//! - A file may use its own ancestors: an edge from a file to its parent module's file (or
//!   the parent's parent, up to `lib.rs`) is not counted. The parent is its children's
//!   shared ground (`handlers/mod.rs` holds `Ctx` and dispatches to every handler, and every
//!   handler uses `Ctx`); counting that edge would make every such folder one circle and
//!   the rule say nothing. Edges between siblings, across folders and from a parent down to
//!   its children are counted. Edges from a file to itself are dropped.
//!
//! A circle is reported as `a.rs → b.rs → a.rs`, each arrow with the line that makes it.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::fs;
use std::path::{Path, PathBuf};

use crate::layers::rust_files;

const MAX_LINES: usize = 600;

/// Tolerated edges ("from", "to"), each cutting one known circle: none any more (see
/// docs/ARCHITECTURE.md). A listed edge that no longer exists fails the test, so the list
/// can only shrink.
const KNOWN: &[(&str, &str)] = &[];

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Ident(String),
    /// `::`
    Sep,
    Punct(char),
    Str(String),
}

/// The tokens of Rust source that matter for paths, each with its line; comments, char
/// literals and lifetimes dropped, numbers skipped.
fn tokens(text: &str) -> Vec<(Tok, usize)> {
    let c: Vec<char> = text.chars().collect();
    let at = |i: usize| c.get(i).copied().unwrap_or('\0');
    let (mut i, mut line, mut out) = (0, 1, Vec::new());
    while i < c.len() {
        let ch = c[i];
        if ch == '\n' {
            line += 1;
            i += 1;
        } else if ch.is_whitespace() {
            i += 1;
        } else if ch == '/' && at(i + 1) == '/' {
            while i < c.len() && c[i] != '\n' {
                i += 1;
            }
        } else if ch == '/' && at(i + 1) == '*' {
            let mut depth = 0;
            loop {
                if i >= c.len() {
                    break;
                } else if c[i] == '/' && at(i + 1) == '*' {
                    depth += 1;
                    i += 2;
                } else if c[i] == '*' && at(i + 1) == '/' {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    line += usize::from(c[i] == '\n');
                    i += 1;
                }
            }
        } else if let Some((end, text)) = string_at(&c, i) {
            line += c[i..end].iter().filter(|&&ch| ch == '\n').count();
            out.push((Tok::Str(text), line));
            i = end;
        } else if ch == '\'' {
            i += if at(i + 1) == '\\' {
                3 + c[i + 3..].iter().position(|&ch| ch == '\'').unwrap_or(0) + 1
            } else if at(i + 2) == '\'' {
                3
            } else {
                1
            };
        } else if ch.is_alphabetic() || ch == '_' {
            let start = i;
            while i < c.len() && (c[i].is_alphanumeric() || c[i] == '_') {
                i += 1;
            }
            let word: String = c[start..i].iter().collect();
            out.push((Tok::Ident(word.trim_start_matches("r#").to_string()), line));
        } else if ch.is_ascii_digit() {
            while i < c.len() && (c[i].is_alphanumeric() || c[i] == '_') {
                i += 1;
            }
        } else if ch == ':' && at(i + 1) == ':' {
            out.push((Tok::Sep, line));
            i += 2;
        } else {
            out.push((Tok::Punct(ch), line));
            i += 1;
        }
    }
    out
}

/// A string literal (plain, byte or raw) starting at `i`: where it ends and its text.
fn string_at(c: &[char], i: usize) -> Option<(usize, String)> {
    let mut j = i;
    if c[j] == 'b' {
        j += 1;
    }
    let raw = c.get(j) == Some(&'r');
    if raw {
        j += 1;
    }
    let hashes = c[j..].iter().take_while(|&&ch| ch == '#').count();
    j += hashes;
    if c.get(j) != Some(&'"') || (!raw && hashes > 0) || (j > i && !raw && c[i] != 'b') {
        return None;
    }
    let start = j + 1;
    let mut k = start;
    while k < c.len() {
        if !raw && c[k] == '\\' {
            k += 2;
        } else if c[k] == '"' && c[k + 1..].iter().take(hashes).all(|&ch| ch == '#') {
            let text = c[start..k].iter().collect();
            return Some((k + 1 + hashes, text));
        } else {
            k += 1;
        }
    }
    Some((c.len(), c[start..].iter().collect()))
}

/// One file of the library: its module path, its file and its tokens.
struct Module {
    path: Vec<String>,
    file: PathBuf,
    toks: Vec<(Tok, usize)>,
}

/// The library's file modules, found from `src/lib.rs` through `mod x;` declarations.
fn modules(src: &Path) -> Vec<Module> {
    let mut found = Vec::new();
    let mut queue = VecDeque::from([(Vec::new(), src.join("lib.rs"))]);
    while let Some((path, file)) = queue.pop_front() {
        let toks = tokens(&fs::read_to_string(&file).unwrap());
        let own_dir = match file.file_name().and_then(|n| n.to_str()) {
            Some("mod.rs" | "lib.rs") => file.parent().unwrap().to_path_buf(),
            _ => file.with_extension(""),
        };
        let (mut depth, mut path_attr) = (0, None);
        for (n, (tok, _)) in toks.iter().enumerate() {
            let next = |k: usize| toks.get(n + k).map(|t| &t.0);
            match tok {
                Tok::Punct('{') => depth += 1,
                Tok::Punct('}') => depth -= 1,
                Tok::Punct('#') if next(2) == Some(&Tok::Ident("path".into())) => {
                    if let Some(Tok::Str(p)) = next(4) {
                        path_attr = Some(p.clone());
                    }
                }
                Tok::Ident(word) if word == "mod" && depth == 0 => {
                    if let (Some(Tok::Ident(name)), Some(Tok::Punct(';'))) = (next(1), next(2)) {
                        let child = match path_attr.take() {
                            Some(p) => file.parent().unwrap().join(p),
                            None if own_dir.join(format!("{name}.rs")).exists() => {
                                own_dir.join(format!("{name}.rs"))
                            }
                            None => own_dir.join(name).join("mod.rs"),
                        };
                        let outside = child.components().any(|c| c.as_os_str() == "..");
                        if outside {
                            continue;
                        }
                        let mut child_path = path.clone();
                        child_path.push(name.clone());
                        queue.push_back((child_path, child));
                    }
                    path_attr = None;
                }
                _ => {}
            }
        }
        found.push(Module { path, file, toks });
    }
    found
}

/// One path of a `use` item and the name it binds (`None` for a glob).
type Binding = (Vec<String>, Option<String>);

/// What a `use` tree binds: the full path and the name it binds (`None` for a glob).
fn use_tree(toks: &[Tok], pos: &mut usize, prefix: &[String], out: &mut Vec<Binding>) {
    let mut path = prefix.to_vec();
    loop {
        match toks.get(*pos) {
            Some(Tok::Sep) => *pos += 1,
            Some(Tok::Punct('{')) => {
                *pos += 1;
                while !matches!(toks.get(*pos), Some(Tok::Punct('}')) | None) {
                    use_tree(toks, pos, &path, out);
                    if toks.get(*pos) == Some(&Tok::Punct(',')) {
                        *pos += 1;
                    }
                }
                *pos += 1;
                return;
            }
            Some(Tok::Punct('*')) => {
                *pos += 1;
                out.push((path, None));
                return;
            }
            Some(Tok::Ident(seg)) => {
                *pos += 1;
                if seg != "self" {
                    path.push(seg.clone());
                }
                if toks.get(*pos) == Some(&Tok::Sep) {
                    continue;
                }
                let mut name = path.last().cloned();
                if toks.get(*pos) == Some(&Tok::Ident("as".into())) {
                    if let Some(Tok::Ident(alias)) = toks.get(*pos + 1) {
                        name = Some(alias.clone());
                    }
                    *pos += 2;
                }
                out.push((path, name));
                return;
            }
            _ => return,
        }
    }
}

/// The graph: for each file, the files it depends on, each with the line that makes it.
struct Graph {
    modules: Vec<Module>,
    by_path: BTreeMap<Vec<String>, usize>,
    /// Per module, the names its top-level `use` items bind, to absolute paths.
    bindings: Vec<BTreeMap<String, Vec<String>>>,
}

impl Graph {
    fn new(src: &Path) -> Graph {
        let modules = modules(src);
        let by_path = modules
            .iter()
            .enumerate()
            .map(|(n, m)| (m.path.clone(), n))
            .collect();
        let mut graph = Graph {
            modules,
            by_path,
            bindings: Vec::new(),
        };
        for n in 0..graph.modules.len() {
            let mut bound = BTreeMap::new();
            for (_, cur, paths, _) in graph.uses(n) {
                for (path, name) in paths {
                    if let (Some(abs), Some(name), true) = (
                        graph.absolute(&cur, &path, None),
                        name,
                        cur == graph.modules[n].path,
                    ) {
                        bound.insert(name, abs);
                    }
                }
            }
            graph.bindings.push(bound);
        }
        graph
    }

    /// Each `use` item of module `n`: its line, the module it sits in, what it binds and
    /// whether it is public.
    fn uses(&self, n: usize) -> Vec<(usize, Vec<String>, Vec<Binding>, bool)> {
        let mut found = Vec::new();
        let toks: Vec<Tok> = self.modules[n].toks.iter().map(|t| t.0.clone()).collect();
        for (at, cur) in self.scopes(n) {
            if toks[at] == Tok::Ident("use".into()) {
                let public = at > 0
                    && (toks[at - 1] == Tok::Ident("pub".into())
                        || toks[at - 1] == Tok::Punct(')'));
                let (mut pos, mut paths) = (at + 1, Vec::new());
                use_tree(&toks, &mut pos, &[], &mut paths);
                found.push((self.modules[n].toks[at].1, cur, paths, public));
            }
        }
        found
    }

    /// Every token index of module `n` with the module path it sits in (inline `mod x {…}`
    /// blocks included).
    fn scopes(&self, n: usize) -> Vec<(usize, Vec<String>)> {
        let toks = &self.modules[n].toks;
        let (mut cur, mut stack, mut depth) = (self.modules[n].path.clone(), Vec::new(), 0);
        let mut out = Vec::new();
        for (at, (tok, _)) in toks.iter().enumerate() {
            out.push((at, cur.clone()));
            match tok {
                Tok::Punct('{') => {
                    depth += 1;
                    if at >= 2
                        && toks[at - 2].0 == Tok::Ident("mod".into())
                        && let Tok::Ident(name) = &toks[at - 1].0
                    {
                        cur.push(name.clone());
                        stack.push(depth);
                    }
                }
                Tok::Punct('}') => {
                    if stack.last() == Some(&depth) {
                        stack.pop();
                        cur.pop();
                    }
                    depth -= 1;
                }
                _ => {}
            }
        }
        out
    }

    /// The absolute module path of `path` written in module `cur`, if it is ours.
    fn absolute(
        &self,
        cur: &[String],
        path: &[String],
        bound: Option<&BTreeMap<String, Vec<String>>>,
    ) -> Option<Vec<String>> {
        let first = path.first()?;
        let mut abs = match first.as_str() {
            "crate" => Vec::new(),
            "self" => cur.to_vec(),
            "super" => {
                let ups = path.iter().take_while(|s| *s == "super").count();
                let mut abs = cur[..cur.len().checked_sub(ups)?].to_vec();
                abs.extend(path[ups..].iter().cloned());
                return Some(abs);
            }
            _ => {
                let mut child = cur.to_vec();
                child.push(first.clone());
                if self.by_path.contains_key(&child) {
                    cur.to_vec()
                } else {
                    let mut abs = bound?.get(first)?.clone();
                    abs.extend(path[1..].iter().cloned());
                    return Some(abs);
                }
            }
        };
        abs.extend(
            path[usize::from(first == "crate" || first == "self")..]
                .iter()
                .cloned(),
        );
        Some(abs)
    }

    /// The file an absolute path lives in, following imports of the deepest module.
    fn resolve(&self, abs: &[String], hops: usize) -> usize {
        let deepest = (0..=abs.len())
            .rev()
            .find(|k| self.by_path.contains_key(&abs[..*k]))
            .unwrap();
        let n = self.by_path[&abs[..deepest]];
        if let (Some(item), true) = (abs.get(deepest), hops < 8)
            && let Some(target) = self.bindings[n].get(item)
        {
            let mut target = target.clone();
            target.extend(abs[deepest + 1..].iter().cloned());
            if target != abs {
                return self.resolve(&target, hops + 1);
            }
        }
        n
    }

    /// Module `n`'s edges: the files it depends on, each with the first line that does.
    fn edges(&self, n: usize) -> BTreeMap<usize, usize> {
        let mut edges = BTreeMap::new();
        let module = &self.modules[n];
        let ancestor = |to: usize| module.path.starts_with(&self.modules[to].path);
        let mut add = |to: usize, line: usize| {
            if to != n && !ancestor(to) {
                edges.entry(to).or_insert(line);
            }
        };
        let mut in_use = BTreeSet::new();
        for (line, cur, paths, public) in self.uses(n) {
            for (path, name) in paths {
                let Some(abs) = self.absolute(&cur, &path, None) else {
                    continue;
                };
                let names_module = self.by_path.contains_key(&abs) && name.is_some();
                if !names_module && !public {
                    add(self.resolve(&abs, 0), line);
                }
            }
        }
        let toks = &module.toks;
        for (at, cur) in self.scopes(n) {
            if toks[at].0 == Tok::Ident("use".into()) {
                let end = toks[at..]
                    .iter()
                    .position(|t| t.0 == Tok::Punct(';'))
                    .unwrap_or(0);
                in_use.extend(at..=at + end);
            }
            let starts = at == 0 || toks[at - 1].0 != Tok::Sep;
            if in_use.contains(&at) || !starts || toks.get(at + 1).map(|t| &t.0) != Some(&Tok::Sep)
            {
                continue;
            }
            let mut path = Vec::new();
            let mut k = at;
            while let Some((Tok::Ident(seg), _)) = toks.get(k) {
                path.push(seg.clone());
                if toks.get(k + 1).map(|t| &t.0) != Some(&Tok::Sep) {
                    break;
                }
                k += 2;
            }
            let bound = (cur == module.path).then_some(&self.bindings[n]);
            if let Some(abs) = self.absolute(&cur, &path, bound) {
                add(self.resolve(&abs, 0), toks[at].1);
            }
        }
        edges
    }

    fn name(&self, n: usize) -> String {
        let src = Path::new(env!("CARGO_MANIFEST_DIR"));
        let file = &self.modules[n].file;
        file.strip_prefix(src).unwrap_or(file).display().to_string()
    }
}

/// The shortest way from `from` back to `to` along `edges`, as module indexes.
fn shortest(edges: &[BTreeMap<usize, usize>], from: usize, to: usize) -> Option<Vec<usize>> {
    let mut came = BTreeMap::from([(from, from)]);
    let mut queue = VecDeque::from([from]);
    while let Some(n) = queue.pop_front() {
        for &next in edges[n].keys() {
            if next == to {
                let mut way = vec![n];
                while *way.last().unwrap() != from {
                    way.push(came[way.last().unwrap()]);
                }
                way.reverse();
                return Some(way);
            }
            if let std::collections::btree_map::Entry::Vacant(entry) = came.entry(next) {
                entry.insert(n);
                queue.push_back(next);
            }
        }
    }
    None
}

/// Every circle of the graph, one per file that sits on one (the shortest through it),
/// written as `a.rs:LINE → b.rs:LINE → … → a.rs`.
fn circles(graph: &Graph, known: &[(&str, &str)]) -> Vec<String> {
    let mut edges: Vec<_> = (0..graph.modules.len()).map(|n| graph.edges(n)).collect();
    for (from, to) in known {
        let index = |name: &str| (0..edges.len()).find(|&n| graph.name(n) == name);
        let removed = match (index(from), index(to)) {
            (Some(from), Some(to)) => edges[from].remove(&to).is_some(),
            _ => false,
        };
        assert!(removed, "{from} → {to} is gone: remove it from KNOWN");
    }
    let mut seen = BTreeSet::new();
    let mut found = Vec::new();
    for n in 0..edges.len() {
        let Some(way) = shortest(&edges, n, n) else {
            continue;
        };
        let mut key = way.clone();
        key.sort();
        if !seen.insert(key) {
            continue;
        }
        let steps: Vec<String> = way
            .iter()
            .enumerate()
            .map(|(k, &m)| format!("{}:{}", graph.name(m), edges[m][&way[(k + 1) % way.len()]]))
            .collect();
        found.push(format!("{} → {}", steps.join(" → "), graph.name(n)));
    }
    found
}

#[test]
fn no_import_circles_between_files() {
    let graph = Graph::new(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"));
    assert!(graph.modules.len() > 100, "the module tree was not found");
    let found = circles(&graph, KNOWN);
    assert!(found.is_empty(), "import circles:\n{}", found.join("\n"));
}

/// Every file of `src/` but the binary's `main.rs` is a module of the library, so the graph
/// above sees them all.
#[test]
fn the_graph_sees_every_source_file() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let graph = Graph::new(&src);
    let seen: BTreeSet<PathBuf> = graph.modules.iter().map(|m| m.file.clone()).collect();
    let missing: Vec<String> = rust_files(&src)
        .into_iter()
        .filter(|f| !seen.contains(f) && f != &src.join("main.rs"))
        .map(|f| f.display().to_string())
        .collect();
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

#[test]
fn no_source_file_is_over_600_lines() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut long = Vec::new();
    for file in rust_files(&root.join("src"))
        .into_iter()
        .chain(rust_files(&root.join("tests")))
    {
        let lines = fs::read_to_string(&file).unwrap().lines().count();
        if lines > MAX_LINES {
            long.push(format!("{}: {lines} lines", file.display()));
        }
    }
    assert!(
        long.is_empty(),
        "over {MAX_LINES} lines:\n{}",
        long.join("\n")
    );
}
