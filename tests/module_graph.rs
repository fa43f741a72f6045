//! No import cycles in the library, and no import from a lower module to a higher one: builds
//! the graph of which source file uses which (from `use crate::…`, `crate::…` and `super::…`
//! paths, resolved to the file that defines the module; `crate::Name` is the crate root) and
//! fails on any cycle or upward edge, naming it.
//!
//! What counts as an edge: a file naming an item of another module. What does not: a parent's
//! `mod child;`, a parent re-exporting its own descendant's items (`pub use child::x`, a facade,
//! not a dependency), and test code (`tests.rs` files and everything after `#[cfg(test)]`).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a broken expectation should stop the test loudly"
)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

type Graph = BTreeMap<String, BTreeSet<String>>;

#[test]
fn the_library_has_no_import_cycle() -> Result<(), Box<dyn std::error::Error>> {
    let graph = library_graph()?;
    if let Some(cycle) = find_cycle(&graph) {
        panic!("import cycle: {}", cycle.join(" -> "));
    }
    Ok(())
}

/// The library's top-level modules in layers, lowest first. A module imports only from its
/// own layer or a lower one (within a layer, the cycle test keeps the order); the crate root
/// is the top, and nothing below imports from it: the public names are re-exported there, and
/// used inside through the module that defines them.
const LAYERS: &[&[&str]] = &[
    // Vocabulary: text helpers, time, the public report types, errors, the rule table.
    &[
        "crate::text",
        "crate::time",
        "crate::report",
        "crate::error",
        "crate::catalog",
    ],
    // The sink, what a check is about, and the parsed model.
    &[
        "crate::findings",
        "crate::context",
        "crate::input",
        "crate::model",
        "crate::verifier",
    ],
    // Trust anchors and the rules over the model.
    &["crate::trust", "crate::rules"],
    // The certificate driver, then request validation on top of it.
    &["crate::check"],
    &["crate::request"],
    &["crate"],
];

#[test]
fn no_module_imports_from_a_higher_layer() -> Result<(), Box<dyn std::error::Error>> {
    let layer_of = |module: &str| -> usize {
        let top = module.split("::").take(2).collect::<Vec<_>>().join("::");
        LAYERS
            .iter()
            .position(|layer| layer.contains(&top.as_str()))
            .unwrap_or_else(|| panic!("{top} is in no layer: add it to LAYERS"))
    };
    let mut upward = Vec::new();
    for (from, targets) in library_graph()? {
        for to in targets {
            if layer_of(&to) > layer_of(&from) {
                upward.push(format!("{from} -> {to}"));
            }
        }
    }
    assert!(
        upward.is_empty(),
        "imports from a lower module to a higher one:\n{}",
        upward.join("\n")
    );
    Ok(())
}

/// Which library module names which, the crate root included.
fn library_graph() -> Result<Graph, Box<dyn std::error::Error>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    collect(&src, &mut files)?;
    let modules: BTreeMap<String, PathBuf> = files
        .iter()
        .filter_map(|f| module_of(&src, f).map(|m| (m, f.clone())))
        .collect();
    assert!(modules.len() > 20, "found only {} modules", modules.len());
    assert!(modules.contains_key("crate"), "the crate root is scanned");
    let mut graph = Graph::new();
    for (module, file) in &modules {
        if file.ends_with("tests.rs") {
            continue;
        }
        let text = std::fs::read_to_string(file)?;
        let code = text.split("#[cfg(test)]").next().unwrap_or_default();
        for line in code.lines() {
            let line = line.trim();
            if line.starts_with("//") {
                continue;
            }
            let reexport = line.starts_with("pub use") || line.starts_with("pub(crate) use");
            for target in references(module, line, &modules) {
                let facade = reexport && (is_descendant(&target, module) || module == "crate");
                if target != *module && !facade {
                    graph.entry(module.clone()).or_default().insert(target);
                }
            }
        }
    }
    let edges: usize = graph.values().map(BTreeSet::len).sum();
    assert!(
        edges > 40,
        "found only {edges} edges: the scanner is broken"
    );
    Ok(graph)
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            if !path.ends_with("bin") {
                collect(&path, out)?;
            }
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    Ok(())
}

/// `src/a/b.rs` and `src/a/b/mod.rs` are `crate::a::b`; `src/lib.rs` is `crate`.
fn module_of(src: &Path, file: &Path) -> Option<String> {
    let relative = file.strip_prefix(src).ok()?.with_extension("");
    let mut parts: Vec<String> = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.last().is_some_and(|p| p == "mod" || p == "lib") {
        parts.pop();
    }
    Some(
        std::iter::once("crate".to_string())
            .chain(parts)
            .collect::<Vec<_>>()
            .join("::"),
    )
}

fn is_descendant(module: &str, of: &str) -> bool {
    module.starts_with(&format!("{of}::"))
}

/// The modules a line names: every `crate::…`, `super::…` or `self::…` path, with `{a, b}`
/// groups expanded one level, resolved to the longest known module prefix.
fn references(module: &str, line: &str, modules: &BTreeMap<String, PathBuf>) -> Vec<String> {
    let mut found = Vec::new();
    for start in ["crate::", "super::", "self::"] {
        let mut rest = line;
        while let Some(at) = rest.find(start) {
            let before = rest[..at].chars().last();
            let tail = &rest[at..];
            rest = &tail[start.len()..];
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue;
            }
            let path: String = tail
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
                .collect();
            let absolute = absolute(module, path.trim_end_matches(':'));
            let group = tail[path.len()..].strip_prefix('{').map(|g| {
                g.split('}')
                    .next()
                    .unwrap_or_default()
                    .split(',')
                    .map(|item| {
                        let first: String = item
                            .trim()
                            .chars()
                            .take_while(|c| c.is_alphanumeric() || *c == '_')
                            .collect();
                        format!("{absolute}::{first}")
                    })
                    .collect::<Vec<_>>()
            });
            for candidate in group.unwrap_or_else(|| vec![absolute.clone()]) {
                if let Some(target) = resolve(&candidate, modules) {
                    found.push(target);
                }
            }
        }
    }
    // A bare `child::item` names a child module of this one (2018 uniform paths).
    let mut from = 0;
    while let Some(offset) = line.get(from..).and_then(|rest| rest.find("::")) {
        let at = from + offset;
        from = at + 2;
        let head = &line[..at];
        let start = head
            .rfind(|c: char| !(c.is_alphanumeric() || c == '_'))
            .map_or(0, |i| i + 1);
        let ident = &head[start..];
        if ident.is_empty() || head[..start].ends_with(':') {
            continue;
        }
        let child = format!("{module}::{ident}");
        if modules.contains_key(&child) {
            found.push(child);
        }
    }
    found
}

/// `super::x` from `crate::a::b` is `crate::a::x`; `self::x` is `crate::a::b::x`.
fn absolute(module: &str, path: &str) -> String {
    let mut base: Vec<&str> = module.split("::").collect();
    let mut parts = path.split("::").filter(|p| !p.is_empty()).peekable();
    match parts.peek() {
        Some(&"crate") => {
            base = vec!["crate"];
            parts.next();
        }
        Some(&"self") => {
            parts.next();
        }
        _ => {}
    }
    while parts.peek() == Some(&"super") {
        base.pop();
        parts.next();
    }
    base.into_iter()
        .map(str::to_string)
        .chain(parts.map(str::to_string))
        .collect::<Vec<_>>()
        .join("::")
}

fn resolve(path: &str, modules: &BTreeMap<String, PathBuf>) -> Option<String> {
    let mut parts: Vec<&str> = path.split("::").collect();
    while !parts.is_empty() {
        let candidate = parts.join("::");
        if modules.contains_key(&candidate) {
            return Some(candidate);
        }
        parts.pop();
    }
    None
}

fn find_cycle(graph: &Graph) -> Option<Vec<String>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        Open,
        Done,
    }
    fn visit(
        node: &str,
        graph: &Graph,
        marks: &mut BTreeMap<String, Mark>,
        stack: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        match marks.get(node) {
            Some(Mark::Done) => return None,
            Some(Mark::Open) => {
                let from = stack.iter().position(|n| n == node).unwrap_or(0);
                let mut cycle = stack[from..].to_vec();
                cycle.push(node.to_string());
                return Some(cycle);
            }
            None => {}
        }
        marks.insert(node.to_string(), Mark::Open);
        stack.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, graph, marks, stack) {
                return Some(cycle);
            }
        }
        stack.pop();
        marks.insert(node.to_string(), Mark::Done);
        None
    }
    let mut marks = BTreeMap::new();
    for node in graph.keys() {
        if let Some(cycle) = visit(node, graph, &mut marks, &mut Vec::new()) {
            return Some(cycle);
        }
    }
    None
}

#[test]
fn the_scanner_sees_a_planted_cycle() {
    let modules: BTreeMap<String, PathBuf> = ["crate", "crate::a", "crate::a::b", "crate::c"]
        .iter()
        .map(|m| (m.to_string(), PathBuf::new()))
        .collect();
    assert_eq!(
        references("crate::a::b", "use super::{X, Y};", &modules),
        ["crate::a", "crate::a"]
    );
    assert_eq!(
        references("crate::a", "use crate::c::thing;", &modules),
        ["crate::c"]
    );
    assert_eq!(
        references("crate::a", "let x = crate::a::b::f();", &modules),
        ["crate::a::b"]
    );
    assert_eq!(
        references("crate::c", "x: Option<crate::Shared>,", &modules),
        ["crate"],
        "a name used through the crate root is an edge to the root"
    );
    let mut graph = Graph::new();
    graph
        .entry("crate::a".into())
        .or_default()
        .insert("crate::c".into());
    graph
        .entry("crate::c".into())
        .or_default()
        .insert("crate::a".into());
    assert!(find_cycle(&graph).is_some());
    graph.remove("crate::c");
    assert!(find_cycle(&graph).is_none());
}
