use syn::Attribute;

use crate::{allow, Code, Finding};

/// Collects findings while honouring the `#[unmixed::allow]` scopes that the
/// walk is currently inside.
#[derive(Debug, Default)]
pub struct Report {
    findings: Vec<Finding>,
    allowed: Vec<Code>,
    /// The depth before each [`Report::enter`] still in force.
    scopes: Vec<usize>,
}

impl Report {
    /// An empty report.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records a finding unless an enclosing allow suppresses its code, or
    /// the same finding was already recorded at the same tokens (two paths
    /// to one hazard are still one hazard).
    pub fn push(&mut self, finding: Finding) {
        if !self.is_allowed(finding.code)
            && !self.findings.iter().any(|known| same(known, &finding))
        {
            self.findings.push(finding);
        }
    }

    /// Whether an enclosing allow suppresses `code`.
    pub fn is_allowed(&self, code: Code) -> bool {
        self.allowed.contains(&code)
    }

    /// Runs `within` with the allows among `attrs` in force.
    pub fn allowing<T>(&mut self, attrs: &[Attribute], within: impl FnOnce(&mut Self) -> T) -> T {
        let depth = self.enter(attrs);
        let result = within(self);
        self.leave(depth);
        result
    }

    /// Puts the allows among `attrs` in force; pass the result to [`Report::leave`].
    pub fn enter(&mut self, attrs: &[Attribute]) -> usize {
        let depth = self.allowed.len();
        self.allowed.extend(allow::allowed_codes(attrs));
        self.scopes.push(depth);
        depth
    }

    /// Ends the allows put in force by the matching [`Report::enter`].
    pub fn leave(&mut self, depth: usize) {
        // Scopes nest: this ends the innermost one.
        self.scopes.pop();
        self.allowed.truncate(depth);
    }

    /// Ends the innermost scope put in force by [`Report::enter`], for
    /// walks that enter and leave in pairs without keeping the depth.
    pub(crate) fn leave_one(&mut self) {
        if let Some(depth) = self.scopes.pop() {
            self.allowed.truncate(depth);
        }
    }

    /// The findings so far.
    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }

    /// The findings, in the order they were found.
    pub fn into_findings(self) -> Vec<Finding> {
        self.findings
    }
}

/// The same hazard told the same way, at the same tokens.
fn same(a: &Finding, b: &Finding) -> bool {
    // Compared by where the tokens start and end (one file per report);
    // spans with no known place (built by `quote!`, say) start where they
    // end and are never taken for one another.
    let (start, end) = (a.location.start.start(), a.location.end.end());
    a.code == b.code
        && start != end
        && start == b.location.start.start()
        && end == b.location.end.end()
        && a.message == b.message
}
