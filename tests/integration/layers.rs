//! The layering rule of ARCHITECTURE.md, checked on the source: no two top-level modules of
//! `src/` depend on each other, directly or through others, and the domain never names the
//! presentation (`cmd`, `cli`, `context`, `output`, `i18n`). A new arrow the wrong way fails
//! here, not in review.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

const PRESENTATION: &[&str] = &["main", "lib", "cli", "context", "cmd", "output", "i18n", "import"];

/// `module -> modules it names` for the top-level modules of `src/` (tests and comments aside).
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut stack = vec![src.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let rel = path.strip_prefix(&src).unwrap();
            let top = rel.components().next().unwrap().as_os_str().to_string_lossy();
            let top = top.trim_end_matches(".rs").to_string();
            let text = std::fs::read_to_string(&path).unwrap();
            // Unit tests may reach anywhere; so may a comment.
            let code = text.split("#[cfg(test)]").next().unwrap_or("");
            let mut names = edges.entry(top.clone()).or_default().clone();
            for line in code.lines().map(|l| l.split("//").next().unwrap_or("")) {
                let mut rest = line;
                while let Some(at) = rest.find("crate::") {
                    rest = &rest[at + "crate::".len()..];
                    let name: String = rest
                        .chars()
                        .take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_')
                        .collect();
                    if !name.is_empty() && name != top {
                        names.insert(name);
                    }
                }
            }
            edges.insert(top, names);
        }
    }
    edges
}

#[test]
fn no_module_reaches_back_up_to_a_module_that_reaches_it() {
    let edges = graph();
    // Depth-first search for a back edge; report the cycle it closes.
    fn visit<'a>(
        node: &'a str,
        edges: &'a BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<&'a str>,
        done: &mut BTreeSet<&'a str>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|n| *n == node) {
            let mut cycle: Vec<String> = path[at..].iter().map(|s| s.to_string()).collect();
            cycle.push(node.to_string());
            return Some(cycle);
        }
        if !done.insert(node) {
            return None;
        }
        path.push(node);
        for next in edges.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, edges, path, done) {
                return Some(cycle);
            }
        }
        path.pop();
        None
    }
    let mut done = BTreeSet::new();
    for node in edges.keys() {
        let cycle = visit(node, &edges, &mut Vec::new(), &mut done);
        assert!(cycle.is_none(), "modules in a cycle: {}", cycle.unwrap().join(" -> "));
    }
}

#[test]
fn the_domain_never_names_the_presentation() {
    for (module, names) in graph() {
        if PRESENTATION.contains(&module.as_str()) {
            continue;
        }
        let wrong: Vec<&String> = names.iter().filter(|n| PRESENTATION.contains(&n.as_str())).collect();
        assert!(wrong.is_empty(), "`{module}` names the presentation: {wrong:?}");
    }
}
