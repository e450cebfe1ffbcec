//! The design map: every actor, its mailbox and messages, and the requests
//! its handlers wait on, as text, Graphviz dot or a mermaid flowchart.

use std::io::{self, Write};

use unmixed_checks::design::RequestKind;

use crate::scan::{self, ActorSummary, Scanned};

pub struct Design {
    pub actors: Vec<ActorSummary>,
}

impl Design {
    pub fn read(scanned: &[Scanned]) -> Design {
        let mut actors = scan::crate_actors(scanned);
        actors.sort_by(|a, b| a.name.cmp(&b.name));
        Design { actors }
    }
}

fn mailbox(actor: &ActorSummary) -> String {
    match &actor.mailbox {
        Some(bound) => format!("mailbox {bound}"),
        None => "mailbox default".to_owned(),
    }
}

/// A request between two actors, as drawn.
#[derive(PartialEq, Eq, PartialOrd, Ord)]
struct Edge {
    from: String,
    to: String,
    label: String,
    kind: RequestKind,
}

impl Edge {
    fn kind_name(&self) -> &'static str {
        match self.kind {
            RequestKind::Waits => "waits",
            RequestKind::Detached => "detached",
            RequestKind::Tell => "tell",
        }
    }
}

/// Each request once.
fn edges(design: &Design) -> Vec<Edge> {
    let mut edges: Vec<Edge> = design
        .actors
        .iter()
        .flat_map(|actor| {
            actor.requests.iter().filter_map(move |request| {
                Some(Edge {
                    from: actor.name.clone(),
                    to: request.target.actor()?.to_owned(),
                    label: format!("{} → {}", request.handler, request.method),
                    kind: request.kind,
                })
            })
        })
        .collect();
    edges.sort();
    edges.dedup();
    edges
}

pub fn write_text(out: &mut impl Write, design: &Design) -> io::Result<()> {
    if design.actors.is_empty() {
        return writeln!(out, "no actors found (`#[unmixed::actor]`)");
    }
    writeln!(out, "actors")?;
    for actor in &design.actors {
        writeln!(
            out,
            "  {} ({}) [{}:{}]: {}",
            actor.name,
            mailbox(actor),
            actor.file,
            actor.line,
            actor.messages.join(", ")
        )?;
    }
    let edges = edges(design);
    if !edges.is_empty() {
        writeln!(out, "requests")?;
        for edge in edges {
            writeln!(
                out,
                "  {} --[{}, {}]--> {}",
                edge.from,
                edge.label,
                edge.kind_name(),
                edge.to
            )?;
        }
    }
    Ok(())
}

pub fn write_dot(out: &mut impl Write, design: &Design) -> io::Result<()> {
    writeln!(out, "digraph unmixed {{")?;
    writeln!(out, "  rankdir=LR;")?;
    writeln!(
        out,
        "  node [shape=box, style=rounded, fontname=\"Helvetica\"];"
    )?;
    writeln!(out, "  edge [fontname=\"Helvetica\", fontsize=10];")?;
    for actor in &design.actors {
        let label = format!(
            "{}\\nactor · {}\\n{}",
            actor.name,
            mailbox(actor),
            actor.messages.join(", ")
        );
        writeln!(
            out,
            "  {} [label=\"{}\"];",
            dot_id(&actor.name),
            escape(&label)
        )?;
    }
    for edge in edges(design) {
        // Solid: the caller waits, holding its actor; dashed: it does not.
        let style = match edge.kind {
            RequestKind::Waits => "solid",
            RequestKind::Detached | RequestKind::Tell => "dashed",
        };
        writeln!(
            out,
            "  {} -> {} [label=\"{} ({})\", style={style}];",
            dot_id(&edge.from),
            dot_id(&edge.to),
            escape(&edge.label),
            edge.kind_name()
        )?;
    }
    writeln!(out, "}}")
}

pub fn write_mermaid(out: &mut impl Write, design: &Design) -> io::Result<()> {
    writeln!(out, "flowchart LR")?;
    for actor in &design.actors {
        writeln!(
            out,
            "  {}[\"{}<br/>actor · {}<br/>{}\"]",
            dot_id(&actor.name),
            actor.name,
            mailbox(actor),
            actor.messages.join(", ")
        )?;
    }
    for edge in edges(design) {
        let arrow = match edge.kind {
            RequestKind::Waits => "-->",
            RequestKind::Detached | RequestKind::Tell => "-.->",
        };
        writeln!(
            out,
            "  {} {arrow}|\"{} ({})\"| {}",
            dot_id(&edge.from),
            edge.label,
            edge.kind_name(),
            dot_id(&edge.to)
        )?;
    }
    Ok(())
}

fn dot_id(name: &str) -> String {
    name.chars()
        .map(|c| if c.is_alphanumeric() { c } else { '_' })
        .collect()
}

fn escape(text: &str) -> String {
    text.replace('"', "\\\"")
}
