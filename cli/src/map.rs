//! The design map: every actor (mailbox, messages), pool (queue bound,
//! workers, resource) and shared-state struct (fields and how each is
//! shared), and the requests between actors, as text, Graphviz dot or a
//! mermaid flowchart.

use std::io::{self, Write};

use unmixed_checks::design::RequestKind;

use crate::scan::{self, ActorSummary, PoolSummary, Scanned, SharedSummary};

pub struct Design {
    pub actors: Vec<ActorSummary>,
    pub pools: Vec<PoolSummary>,
    pub shared: Vec<SharedSummary>,
}

impl Design {
    pub fn read(scanned: &[Scanned]) -> Design {
        let mut actors = scan::crate_actors(scanned);
        actors.sort_by(|a, b| a.name.cmp(&b.name));
        let mut pools: Vec<PoolSummary> =
            scanned.iter().flat_map(|file| file.pools.clone()).collect();
        pools.sort_by(|a, b| a.name.cmp(&b.name));
        let mut shared: Vec<SharedSummary> = scanned
            .iter()
            .flat_map(|file| file.shared.clone())
            .collect();
        shared.sort_by(|a, b| a.name.cmp(&b.name));
        Design {
            actors,
            pools,
            shared,
        }
    }

    fn is_empty(&self) -> bool {
        self.actors.is_empty() && self.pools.is_empty() && self.shared.is_empty()
    }
}

fn pool_label(pool: &PoolSummary) -> String {
    let mut parts = vec![match &pool.bounded {
        Some(bound) => format!("queue {bound}"),
        None => "queue UNBOUNDED".to_owned(),
    }];
    parts.push(match pool.workers.as_deref() {
        Some("1") => "1 worker".to_owned(),
        Some(workers) => format!("{workers} workers"),
        None => "workers = CPUs".to_owned(),
    });
    if let Some(resource) = &pool.resource {
        parts.push(format!("resource {resource}"));
    }
    parts.join(", ")
}

fn fields_label(state: &SharedSummary) -> String {
    state
        .fields
        .iter()
        .map(|(name, kind)| format!("{name}: {kind}"))
        .collect::<Vec<_>>()
        .join(", ")
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
    if design.is_empty() {
        return writeln!(
            out,
            "no declared design found (`#[unmixed::actor]`, `#[unmixed::worker_pool]`, `#[unmixed::shared_state]`)"
        );
    }
    if !design.actors.is_empty() {
        writeln!(out, "actors")?;
    }
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
    if !design.pools.is_empty() {
        writeln!(out, "pools")?;
        for pool in &design.pools {
            writeln!(
                out,
                "  {} ({}) [{}:{}]",
                pool.name,
                pool_label(pool),
                pool.file,
                pool.line
            )?;
        }
    }
    if !design.shared.is_empty() {
        writeln!(out, "shared state")?;
        for state in &design.shared {
            writeln!(
                out,
                "  {} [{}:{}]: {}",
                state.name,
                state.file,
                state.line,
                fields_label(state)
            )?;
        }
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
    for pool in &design.pools {
        let label = format!("{}\\nworker pool · {}", pool.name, pool_label(pool));
        writeln!(
            out,
            "  {} [label=\"{}\", shape=box3d];",
            dot_id(&pool.name),
            escape(&label)
        )?;
    }
    for state in &design.shared {
        let label = format!("{}\\nshared state\\n{}", state.name, fields_label(state));
        writeln!(
            out,
            "  {} [label=\"{}\", shape=cylinder];",
            dot_id(&state.name),
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
    for pool in &design.pools {
        writeln!(
            out,
            "  {}[[\"{}<br/>worker pool · {}\"]]",
            dot_id(&pool.name),
            pool.name,
            pool_label(pool)
        )?;
    }
    for state in &design.shared {
        writeln!(
            out,
            "  {}[(\"{}<br/>shared state<br/>{}\")]",
            dot_id(&state.name),
            state.name,
            fields_label(state)
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
