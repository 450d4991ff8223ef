//! Extraction: the text of a page's block elements, one paragraph each, read without
//! recursion.

use dom_query::NodeRef;

use crate::article::text;

/// Elements whose content is never text to read.
pub(super) fn is_skipped(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "svg"
            | "button"
            | "select"
            | "iframe"
            | "object"
            | "embed"
            | "canvas"
            | "head"
            | "title"
            | "img"
            | "picture"
            | "video"
            | "audio"
            | "input"
            | "textarea"
    )
}

/// Elements that start and end a block of text.
pub(super) fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "section"
            | "article"
            | "main"
            | "header"
            | "footer"
            | "aside"
            | "nav"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "blockquote"
            | "pre"
            | "table"
            | "thead"
            | "tbody"
            | "tfoot"
            | "tr"
            | "caption"
            | "figure"
            | "figcaption"
            | "hr"
            | "address"
            | "details"
            | "summary"
            | "center"
            | "form"
            | "fieldset"
            | "body"
            | "html"
    )
}

/// The text of each block element under `node`, one paragraph each, whitespace collapsed.
///
/// Iterative, not recursive: a hostile page nested 100,000 levels deep must not overflow
/// the stack.
pub(crate) fn blocks_of(node: &NodeRef) -> Vec<String> {
    enum Step<'a> {
        Node(NodeRef<'a>),
        EndBlock,
        Space,
    }
    let mut out = Vec::new();
    let mut buf = String::new();
    // Children are pushed last first, so the first child is handled first.
    let mut stack: Vec<Step> = node.children_it(true).map(Step::Node).collect();
    while let Some(step) = stack.pop() {
        let child = match step {
            Step::EndBlock => {
                flush(&mut buf, &mut out);
                continue;
            }
            Step::Space => {
                buf.push(' ');
                continue;
            }
            Step::Node(child) => child,
        };
        if child.is_text() {
            buf.push_str(&child.text());
            continue;
        }
        if !child.is_element() {
            continue;
        }
        let name = child
            .node_name()
            .map(|n| n.to_ascii_lowercase())
            .unwrap_or_default();
        if is_skipped(&name) {
            continue;
        }
        match name.as_str() {
            "br" => {
                buf.push(' ');
                continue;
            }
            "td" | "th" => {
                buf.push(' ');
                stack.push(Step::Space);
            }
            _ if is_block(&name) => {
                flush(&mut buf, &mut out);
                stack.push(Step::EndBlock);
            }
            _ => {}
        }
        stack.extend(child.children_it(true).map(Step::Node));
    }
    flush(&mut buf, &mut out);
    out
}

/// Whether the tree under `node` is nested deeper than `limit` (iteratively).
pub(super) fn deeper_than(node: &NodeRef, limit: usize) -> bool {
    let mut stack: Vec<(NodeRef, usize)> = vec![(*node, 0)];
    while let Some((n, depth)) = stack.pop() {
        if depth > limit {
            return true;
        }
        stack.extend(
            n.children_it(false)
                .filter(NodeRef::is_element)
                .map(|c| (c, depth + 1)),
        );
    }
    false
}

pub(super) fn flush(buf: &mut String, out: &mut Vec<String>) {
    let t = text::collapse_whitespace(buf);
    buf.clear();
    if !t.is_empty() {
        out.push(t);
    }
}
