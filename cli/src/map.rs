//! The design map: every actor, its mailbox and messages, and the requests
//! its handlers wait on, as text, Graphviz dot or a mermaid flowchart.

use std::io::{self, Write};

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

/// Edges as (from, to, label), each request once.
fn edges(design: &Design) -> Vec<(String, String, String)> {
    let mut edges: Vec<(String, String, String)> = design
        .actors
        .iter()
        .flat_map(|actor| {
            actor.requests.iter().filter_map(move |request| {
                let to = request.target.actor()?.to_owned();
                Some((
                    actor.name.clone(),
                    to,
                    format!("{} → {}", request.handler, request.method),
                ))
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
        for (from, to, label) in edges {
            writeln!(out, "  {from} --[{label}]--> {to}")?;
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
    for (from, to, label) in edges(design) {
        writeln!(
            out,
            "  {} -> {} [label=\"{}\"];",
            dot_id(&from),
            dot_id(&to),
            escape(&label)
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
    for (from, to, label) in edges(design) {
        writeln!(
            out,
            "  {} -->|\"{}\"| {}",
            dot_id(&from),
            label,
            dot_id(&to)
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
