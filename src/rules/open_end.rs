//! Finds the paths on which a rule reaches its last line without a conclusion — a rule
//! bug, not a data gap. The engine reports such a run as an error; `check` looks for
//! them in the source, before any data is read.
//!
//! The analysis is conservative: a statement concludes when it is a call of
//! kritisch / moeglicherweise_kritisch / nicht_kritisch / nicht_bewertbar, a block that
//! concludes, or an `if` whose both branches conclude. A script concludes when one of its
//! top-level statements does. Conclusions guarded by conditions that together cover
//! every case (`if a {…}` followed by `if !a {…}`) are not recognised: end such a rule
//! with an unconditional conclusion or an `else`.

use crate::rules::{Criterion, CONCLUSIONS};
use rhai::{Expr, Stmt};

/// Where a rule can end without a conclusion.
#[derive(Debug, Clone, PartialEq)]
pub struct OpenEnd {
    pub(crate) criterion: u32,
    pub(crate) script: std::path::PathBuf,
    /// The line of the rule's last statement: the point the open path runs past.
    pub line: usize,
    /// The line of a `return` that leaves the rule without a conclusion, if any.
    pub return_line: Option<usize>,
}

impl std::fmt::Display for OpenEnd {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.return_line {
            Some(line) => write!(
                f,
                "{}:{line}: rule for criterion {} returns without a rating — end the path in kritisch(..), moeglicherweise_kritisch(..), nicht_kritisch(..) or nicht_bewertbar(..)",
                self.script.display(),
                self.criterion
            ),
            None => write!(
                f,
                "{}:{}: rule for criterion {} can reach its end without a rating — not every path after this line concludes; end the rule in an unconditional conclusion (e.g. nicht_kritisch(..)) or give each `if` an `else` that concludes",
                self.script.display(),
                self.line,
                self.criterion
            ),
        }
    }
}

/// The open end of `criterion`'s rule, if it has one.
pub fn find(criterion: &Criterion) -> Option<OpenEnd> {
    let statements = criterion.ast.statements();
    let open = |line: usize, return_line: Option<usize>| OpenEnd {
        criterion: criterion.number,
        script: criterion.script.clone(),
        line,
        return_line,
    };
    if let Some(line) = statements.iter().find_map(returns) {
        return Some(open(line, Some(line)));
    }
    if block_concludes(statements) {
        return None;
    }
    let last = statements
        .last()
        .and_then(|s| s.position().line())
        .unwrap_or(1);
    Some(open(last, None))
}

fn block_concludes(statements: &[Stmt]) -> bool {
    statements.iter().any(concludes)
}

fn concludes(stmt: &Stmt) -> bool {
    match stmt {
        Stmt::FnCall(call, _) => CONCLUSIONS.contains(&call.name.as_str()),
        Stmt::Expr(expr) => expr_concludes(expr),
        Stmt::Block(block) => block_concludes(block.statements()),
        Stmt::If(flow, _) => {
            block_concludes(flow.body.statements()) && block_concludes(flow.branch.statements())
        }
        _ => false,
    }
}

fn expr_concludes(expr: &Expr) -> bool {
    match expr {
        Expr::FnCall(call, _) => CONCLUSIONS.contains(&call.name.as_str()),
        Expr::Stmt(block) => block_concludes(block.statements()),
        _ => false,
    }
}

/// The line of a `return` outside a function body (it ends the rule), if any.
fn returns(stmt: &Stmt) -> Option<usize> {
    let block = |b: &rhai::StmtBlock| b.statements().iter().find_map(returns);
    match stmt {
        Stmt::Return(_, _, pos) => Some(pos.line().unwrap_or(0)),
        Stmt::Block(b) => block(b),
        Stmt::If(flow, _) | Stmt::While(flow, _) | Stmt::Do(flow, _, _) => {
            block(&flow.body).or_else(|| block(&flow.branch))
        }
        Stmt::For(f, _) => block(&f.2.body),
        _ => None,
    }
}
