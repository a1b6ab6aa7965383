//! The direct evaluator: a rule's Rhai syntax tree translated once, at load, into a
//! small tree whose variables are slots and whose calls are resolved, and run without
//! Rhai's name lookups and function dispatch. Rhai stays the authority on the language:
//!
//! - a rule that uses anything this evaluator does not know (a function of its own, a
//!   `while` loop, a string template, …) is not translated and runs on Rhai;
//! - a run that meets anything unusual (an error, a type it does not handle, a limit
//!   coming near, a rule that ends without a conclusion) gives up before it has
//!   concluded, and the rule runs again on Rhai, which gives the result or the error.
//!
//! So a result from here is one Rhai would give; a test compares the two on every
//! shipped country and year (tests/shipped_data.rs) and on the corners of the language
//! (tests/rules.rs). The rule API is the engine's own
//! (the methods of [`Run`]): the trace is written by the same code.

use super::engine::{limits, At, Run, Tally, RATINGS};
use super::Parameter;
use crate::model::catalog::Catalog;
use crate::model::facts::Fact;
use crate::model::rating::Rating;
use crate::model::reason::Values;
use rhai::{
    ASTFlags, Array, Dynamic, Expr as RExpr, FnCallExpr, ImmutableString, Map, Position,
    Stmt as RStmt, StmtBlock, AST, FLOAT, INT,
};
use std::collections::BTreeMap;
use std::sync::Arc;

/// A translated rule.
pub(super) struct Program {
    body: Vec<Stmt>,
    slots: usize,
}

enum Stmt {
    /// `let x = e` and `x = e`: the slot gets the value.
    Set(usize, Expr),
    /// `x += e`, `x -= e`.
    Update(usize, Op, Expr),
    If(Expr, Vec<Stmt>, Vec<Stmt>),
    For(usize, Expr, Vec<Stmt>),
    /// `x.push(e)` on a variable.
    Push(usize, Expr),
    Expr(Expr),
}

enum Expr {
    Const(Dynamic),
    Var(usize),
    Array(Vec<Expr>),
    Map(Vec<(rhai::Identifier, Expr)>),
    And(Vec<Expr>),
    Or(Vec<Expr>),
    Binary(Op, Box<Expr>, Box<Expr>),
    Not(Box<Expr>),
    Negate(Box<Expr>),
    Index(Box<Expr>, Box<Expr>),
    Property(Box<Expr>, ImmutableString),
    Method(Box<Expr>, Method, Vec<Expr>),
    ParseInt(Box<Expr>),
    Api(Api, Vec<Expr>, At),
    /// `value("id")`, `known("id")`, …: a literal id, found in the catalog.
    Read(Api, Indicator, At),
    /// `param("name")`: a parameter found in criteria.toml.
    Param(Box<Parameter>, At),
    /// `tally(param("name"))` of a list of ids, each found in the catalog.
    TallyParam(Box<Parameter>, At, Vec<(Indicator, ImmutableString)>, At),
    /// A block used as a value (`let x = if … { a } else { b };`): its last statement's.
    Block(Vec<Stmt>),
    /// `test(key, #{…}, outcome)` whose map holds only constants and variables set once,
    /// from a constant or a parameter (a threshold's label): the map built at
    /// translation and shared by every run's step ([`Program::share_test_maps`]), so
    /// that neither the run nor the wording of its label builds it again. The count is
    /// of the operations evaluating the map would have counted.
    TestShared(Box<Expr>, Values, u64, Box<Expr>, At),
}

#[derive(Clone, Copy)]
enum Op {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    Add,
    Sub,
    Mul,
}

impl Op {
    fn compares(self) -> bool {
        !matches!(self, Op::Add | Op::Sub | Op::Mul)
    }
}

#[derive(Clone, Copy)]
enum Method {
    Split,
    Len,
    SubString,
    IndexOf,
}

/// An indicator the translation found in the catalog: its index there and its id.
struct Indicator {
    index: usize,
    key: Arc<str>,
}

#[derive(Clone, Copy)]
enum Api {
    Value,
    Known,
    Year,
    Edition,
    Note,
    Tally,
    Require,
    Param,
    Test,
    AsOfYear,
    Conclude(Rating),
}

/// A run's state after the first statements of a rule's body ([`Program::prefix`]), to
/// go on from with facts that differ only in what those statements did not read.
pub(super) struct Prefix {
    next: usize,
    slots: Vec<Dynamic>,
    operations: u64,
}

/// Why a run ended before its last statement.
pub(super) enum Halt {
    /// The rule API stopped the rule: it concluded, or a value it needed is missing.
    Stopped,
    /// Something this evaluator leaves to Rhai.
    GiveUp,
}

/// What evaluating a statement or expression gives.
type Eval<T> = Result<T, Halt>;

/// Rhai counts an operation for each statement, expression and call it evaluates: at most
/// a few for each node counted here. Giving up at an eighth of Rhai's limit, a run that
/// Rhai would stop for its length gives up here first, and Rhai then reports it.
const OPERATIONS: u64 = limits::OPERATIONS / 8;

/// The most arguments a function of the rule API or a string method takes.
const MAX_ARGS: usize = 3;

impl Program {
    /// The rule translated, or None if it uses something the evaluator leaves to Rhai.
    /// Literal indicator ids and parameter names are looked up here, once; one that is
    /// not there is left for the run to report (through Rhai).
    pub(super) fn translate(
        ast: &AST,
        catalog: &Catalog,
        parameters: &BTreeMap<String, Parameter>,
    ) -> Option<Program> {
        if ast.iter_functions().next().is_some() {
            return None;
        }
        let mut scope = Scope {
            names: Vec::new(),
            slots: 0,
            catalog,
            parameters,
        };
        let mut body = scope.block(ast.statements())?;
        if scope.slots > limits::VARIABLES {
            return None;
        }
        Program::share_test_maps(&mut body, scope.slots);
        Some(Program {
            body,
            slots: scope.slots,
        })
    }

    /// Rewrites each `test(key, #{…}, outcome)` whose map's entries are constants or
    /// variables set once, from a constant or a parameter, into [`Expr::TestShared`].
    /// Such a variable holds that value wherever the rule can name it: a `let` comes
    /// before every use in sight of it, and parameters are fixed at translation.
    fn share_test_maps(body: &mut [Stmt], slots: usize) {
        // Per slot: the one value it is set to, or None if set otherwise or more often.
        let mut sets: Vec<(usize, Option<Dynamic>)> = vec![(0, None); slots];
        each_stmt(body, &mut |stmt| match stmt {
            Stmt::Set(slot, e) => {
                let (count, value) = &mut sets[*slot];
                *count += 1;
                *value = match e {
                    Expr::Const(v) => Some(v.clone()),
                    Expr::Param(p, _) => Some(p.dynamic.clone()),
                    _ => None,
                };
            }
            Stmt::Update(slot, ..) | Stmt::Push(slot, _) | Stmt::For(slot, ..) => {
                sets[*slot].0 += 2;
            }
            Stmt::If(..) | Stmt::Expr(_) => {}
        });
        let constant = |e: &Expr| match e {
            Expr::Const(v) => Some(v.clone()),
            Expr::Var(slot) => match &sets[*slot] {
                (1, Some(v)) => Some(v.clone()),
                _ => None,
            },
            _ => None,
        };
        each_expr_mut(body, &mut |expr| {
            let Expr::Api(Api::Test, args, at) = expr else {
                return;
            };
            let [_, Expr::Map(entries), _] = &args[..] else {
                return;
            };
            let map: Option<Map> = entries
                .iter()
                .map(|(k, e)| Some((k.clone(), constant(e)?)))
                .collect();
            // A map over Rhai's size limits is left for the run to refuse.
            let Some(map) = map.filter(|m| checked(Dynamic::from_map(m.clone())).is_ok()) else {
                return;
            };
            let operations = 1 + entries.len() as u64;
            let at = *at;
            let mut args = std::mem::take(args);
            let outcome = Box::new(args.pop().expect("three arguments"));
            let key = Box::new(args.swap_remove(0));
            let values = Values(Arc::new(map));
            *expr = Expr::TestShared(key, values, operations, outcome, at);
        });
    }

    /// How many of the rule's statements come before the first that may read the
    /// indicator at `index` in the catalog. A statement that reads an indicator named
    /// only when it runs (`value(id)` of a variable, `tally(list)`, `require(list)`) may
    /// read any.
    pub(super) fn before_read_of(&self, index: usize) -> usize {
        self.body
            .iter()
            .position(|stmt| stmt_reads(stmt, index))
            .unwrap_or(self.body.len())
    }

    /// A run's variables before it starts (made without cloning: `Dynamic`'s clone is a
    /// call per slot).
    fn empty_slots(&self) -> Vec<Dynamic> {
        std::iter::repeat_with(|| Dynamic::UNIT)
            .take(self.slots)
            .collect()
    }

    /// Runs the first `upto` statements for the rating alone: the state after them, or
    /// how the run ended within them.
    pub(super) fn prefix(&self, run: &mut Run, upto: usize) -> Result<Prefix, Halt> {
        let mut exec = Exec {
            slots: self.empty_slots(),
            operations: 0,
            run,
            rating_only: true,
        };
        for stmt in &self.body[..upto] {
            exec.stmt(stmt)?;
        }
        Ok(Prefix {
            next: upto,
            slots: exec.slots,
            operations: exec.operations,
        })
    }

    /// Runs the rest of the rule from `prefix`, for the rating alone, as [`Program::run`]
    /// runs it whole (`run` holds what the prefix's run had read and found missing).
    pub(super) fn run_from(&self, run: &mut Run, prefix: &Prefix) -> Eval<()> {
        let mut exec = Exec {
            slots: prefix.slots.clone(),
            operations: prefix.operations,
            run,
            rating_only: true,
        };
        exec.block(&self.body[prefix.next..])?;
        Err(Halt::GiveUp)
    }

    /// Runs the rule on the facts of `run`, the engine's run state. `rating_only`: the
    /// caller wants the rating alone (`check`'s monotonicity steps), so the values maps
    /// of tests and conclusions are not built where their entries are plain values,
    /// literal reads or parameters (the reads are made in turn, as building would).
    pub(super) fn run(&self, run: &mut Run, rating_only: bool) -> Eval<()> {
        let mut exec = Exec {
            slots: self.empty_slots(),
            operations: 0,
            run,
            rating_only,
        };
        exec.block(&self.body)?;
        // The rule ran past its last line: Rhai words that error.
        Err(Halt::GiveUp)
    }
}

/// The variables in sight while translating, innermost last, and what literal ids and
/// names are looked up in.
struct Scope<'a> {
    names: Vec<(ImmutableString, usize)>,
    slots: usize,
    catalog: &'a Catalog,
    parameters: &'a BTreeMap<String, Parameter>,
}

impl Scope<'_> {
    fn block(&mut self, statements: &[RStmt]) -> Option<Vec<Stmt>> {
        let depth = self.names.len();
        let out = statements
            .iter()
            .filter(|s| !matches!(s, RStmt::Noop(_)))
            .map(|s| self.stmt(s))
            .collect();
        self.names.truncate(depth);
        out
    }

    fn stmt_block(&mut self, block: &StmtBlock) -> Option<Vec<Stmt>> {
        self.block(block.statements())
    }

    /// Every expression translated, or None if one is left to Rhai.
    fn exprs(&mut self, items: &[RExpr]) -> Option<Vec<Expr>> {
        items.iter().map(|e| self.expr(e)).collect()
    }

    fn new_slot(&mut self, name: &ImmutableString) -> usize {
        let slot = self.slots;
        self.slots += 1;
        self.names.push((name.clone(), slot));
        slot
    }

    fn find(&self, name: &str) -> Option<usize> {
        self.names
            .iter()
            .rev()
            .find(|(n, _)| n.as_str() == name)
            .map(|&(_, slot)| slot)
    }

    fn stmt(&mut self, stmt: &RStmt) -> Option<Stmt> {
        Some(match stmt {
            // A constant is left to Rhai, which refuses a change to it (`push` on a constant
            // list) at run time.
            RStmt::Var(var, flags, _)
                if !flags.intersects(ASTFlags::EXPORTED | ASTFlags::CONSTANT) =>
            {
                let (ident, value, _) = &**var;
                // The value is translated before the name comes into sight.
                let value = self.expr(value)?;
                Stmt::Set(self.new_slot(&ident.name), value)
            }
            RStmt::Assignment(assignment) => {
                let (op, target) = &**assignment;
                let RExpr::Variable(var, _, _) = &target.lhs else {
                    return None;
                };
                let slot = self.find(variable_name(var))?;
                let value = self.expr(&target.rhs)?;
                match op.get_op_assignment_info() {
                    None => Stmt::Set(slot, value),
                    Some((_, _, _, _, _, "+")) => Stmt::Update(slot, Op::Add, value),
                    Some((_, _, _, _, _, "-")) => Stmt::Update(slot, Op::Sub, value),
                    Some(_) => return None,
                }
            }
            RStmt::If(flow, _) => Stmt::If(
                self.expr(&flow.expr)?,
                self.stmt_block(&flow.body)?,
                self.stmt_block(&flow.branch)?,
            ),
            RStmt::For(for_loop, _) => {
                let (item, counter, flow) = &**for_loop;
                if counter.is_some() {
                    return None;
                }
                let items = self.expr(&flow.expr)?;
                let depth = self.names.len();
                let slot = self.new_slot(&item.name);
                let body = self.stmt_block(&flow.body);
                self.names.truncate(depth);
                Stmt::For(slot, items, body?)
            }
            RStmt::FnCall(call, pos) => Stmt::Expr(self.call(call, *pos)?),
            RStmt::Expr(expr) => match &**expr {
                // `x.push(e)`: changes the variable in place.
                RExpr::Dot(dot, flags, _) if !flags.intersects(ASTFlags::NEGATED) => {
                    match (&dot.lhs, &dot.rhs) {
                        (RExpr::Variable(var, _, _), RExpr::MethodCall(call, _))
                            if call.name == "push" && call.args.len() == 1 =>
                        {
                            Stmt::Push(self.find(variable_name(var))?, self.expr(&call.args[0])?)
                        }
                        _ => Stmt::Expr(self.expr(expr)?),
                    }
                }
                _ => Stmt::Expr(self.expr(expr)?),
            },
            RStmt::Block(block) => Stmt::Expr(Expr::Block(self.stmt_block(block)?)),
            _ => return None,
        })
    }

    fn expr(&mut self, expr: &RExpr) -> Option<Expr> {
        Some(match expr {
            RExpr::DynamicConstant(value, _) => Expr::Const((**value).clone()),
            RExpr::BoolConstant(b, _) => Expr::Const(Dynamic::from_bool(*b)),
            RExpr::IntegerConstant(i, _) => Expr::Const(Dynamic::from_int(*i)),
            RExpr::FloatConstant(x, _) => Expr::Const(Dynamic::from_float(**x)),
            RExpr::StringConstant(s, _) => Expr::Const(Dynamic::from(s.clone())),
            RExpr::Unit(_) => Expr::Const(Dynamic::UNIT),
            RExpr::Array(items, _) => Expr::Array(self.exprs(items)?),
            RExpr::Map(map, _) => {
                let (entries, _) = &**map;
                if entries.len() > limits::MAP_SIZE {
                    return None;
                }
                Expr::Map(
                    entries
                        .iter()
                        .map(|(key, e)| Some((key.name.as_str().into(), self.expr(e)?)))
                        .collect::<Option<_>>()?,
                )
            }
            RExpr::Variable(var, _, _) => Expr::Var(self.find(variable_name(var))?),
            RExpr::And(items, _) => Expr::And(self.exprs(items)?),
            RExpr::Or(items, _) => Expr::Or(self.exprs(items)?),
            RExpr::FnCall(call, pos) => self.call(call, *pos)?,
            RExpr::Stmt(block) => Expr::Block(self.stmt_block(block)?),
            RExpr::Dot(..) | RExpr::Index(..) => self.chain(expr)?,
            _ => return None,
        })
    }

    /// `a.b`, `a.m(…)`, `a[i]` and their chains (`p[0].sub_string(0, 4)`): Rhai nests a
    /// chain's rest in the right-hand side unless the node is marked as its end.
    fn chain(&mut self, expr: &RExpr) -> Option<Expr> {
        let (binary, flags, dot) = match expr {
            RExpr::Dot(b, f, _) => (b, *f, true),
            RExpr::Index(b, f, _) => (b, *f, false),
            _ => return None,
        };
        if flags.intersects(ASTFlags::NEGATED) {
            return None;
        }
        let target = self.expr(&binary.lhs)?;
        self.rest(target, dot, flags, &binary.rhs)
    }

    fn rest(&mut self, target: Expr, dot: bool, flags: ASTFlags, rhs: &RExpr) -> Option<Expr> {
        match rhs {
            RExpr::Dot(b, f, _) | RExpr::Index(b, f, _) if !flags.intersects(ASTFlags::BREAK) => {
                if f.intersects(ASTFlags::NEGATED) {
                    return None;
                }
                let item = self.step(target, dot, &b.lhs)?;
                self.rest(item, matches!(rhs, RExpr::Dot(..)), *f, &b.rhs)
            }
            _ => self.step(target, dot, rhs),
        }
    }

    /// One link of a chain: `.property`, `.method(…)` or `[index]`.
    fn step(&mut self, target: Expr, dot: bool, link: &RExpr) -> Option<Expr> {
        let target = Box::new(target);
        Some(match (dot, link) {
            (true, RExpr::Property(prop, _)) => Expr::Property(target, prop.2.clone()),
            (true, RExpr::MethodCall(call, _)) => {
                let method = match (call.name.as_str(), call.args.len()) {
                    ("split", 1) => Method::Split,
                    ("len", 0) => Method::Len,
                    ("sub_string", 1 | 2) => Method::SubString,
                    ("index_of", 1) => Method::IndexOf,
                    _ => return None,
                };
                Expr::Method(target, method, self.exprs(&call.args)?)
            }
            (false, index) => Expr::Index(target, Box::new(self.expr(index)?)),
            _ => return None,
        })
    }

    fn call(&mut self, call: &FnCallExpr, pos: Position) -> Option<Expr> {
        if call.is_qualified() || call.capture_parent_scope || call.args.len() > MAX_ARGS {
            return None;
        }
        if let Some(resolved) = self.resolved(call, pos) {
            return Some(resolved);
        }
        let mut args = self.exprs(&call.args)?;
        let binary = |op, args: &mut Vec<Expr>| {
            let rhs = Box::new(args.pop()?);
            let lhs = Box::new(args.pop()?);
            Some(Expr::Binary(op, lhs, rhs))
        };
        let api = |api, args| Some(Expr::Api(api, args, At::new(pos)));
        match (call.name.as_str(), args.len()) {
            ("==", 2) => binary(Op::Eq, &mut args),
            ("!=", 2) => binary(Op::Ne, &mut args),
            ("<", 2) => binary(Op::Lt, &mut args),
            ("<=", 2) => binary(Op::Le, &mut args),
            (">", 2) => binary(Op::Gt, &mut args),
            (">=", 2) => binary(Op::Ge, &mut args),
            ("+", 2) => binary(Op::Add, &mut args),
            ("-", 2) => binary(Op::Sub, &mut args),
            ("*", 2) => binary(Op::Mul, &mut args),
            ("!", 1) => Some(Expr::Not(Box::new(args.pop()?))),
            ("-", 1) => Some(Expr::Negate(Box::new(args.pop()?))),
            ("parse_int", 1) => Some(Expr::ParseInt(Box::new(args.pop()?))),
            ("value", 1) => api(Api::Value, args),
            ("known", 1) => api(Api::Known, args),
            ("year", 1) => api(Api::Year, args),
            ("edition", 1) => api(Api::Edition, args),
            ("note", 1) => api(Api::Note, args),
            ("tally", 1) => api(Api::Tally, args),
            ("require", 1) => api(Api::Require, args),
            ("param", 1) => api(Api::Param, args),
            ("test", 2 | 3) => api(Api::Test, args),
            ("as_of_year", 0) => api(Api::AsOfYear, args),
            (name, 1 | 2) => {
                let (_, rating) = RATINGS.iter().find(|(n, _)| *n == name)?;
                api(Api::Conclude(*rating), args)
            }
            _ => None,
        }
    }
}

impl Scope<'_> {
    /// A call of the rule API whose id or name is a literal found in the catalog or the
    /// parameters: looked up here rather than on every run.
    fn resolved(&self, call: &FnCallExpr, pos: Position) -> Option<Expr> {
        let [RExpr::StringConstant(text, _)] = &call.args[..] else {
            return self.tally_param(call, pos);
        };
        let which = match call.name.as_str() {
            "value" => Api::Value,
            "known" => Api::Known,
            "year" => Api::Year,
            "edition" => Api::Edition,
            "note" => Api::Note,
            "param" => {
                let parameter = self.parameters.get(text.as_str())?;
                return Some(Expr::Param(Box::new(parameter.clone()), At::new(pos)));
            }
            _ => return None,
        };
        Some(Expr::Read(which, self.indicator(text)?, At::new(pos)))
    }

    fn indicator(&self, id: &str) -> Option<Indicator> {
        let indicator = self.catalog.get(id)?;
        Some(Indicator {
            index: indicator.index,
            key: indicator.key.clone(),
        })
    }

    /// `tally(param("name"))` where the parameter is a list of ids in the catalog.
    fn tally_param(&self, call: &FnCallExpr, pos: Position) -> Option<Expr> {
        let [RExpr::FnCall(inner, param_pos)] = &call.args[..] else {
            return None;
        };
        let [RExpr::StringConstant(name, _)] = &inner.args[..] else {
            return None;
        };
        if call.name != "tally" || inner.name != "param" || inner.is_qualified() {
            return None;
        }
        let parameter = self.parameters.get(name.as_str())?;
        let ids = parameter
            .dynamic
            .read_lock::<Array>()?
            .iter()
            .map(|id| {
                let id = id.read_lock::<ImmutableString>()?.clone();
                Some((self.indicator(&id)?, id))
            })
            .collect::<Option<Vec<_>>>()?;
        Some(Expr::TallyParam(
            Box::new(parameter.clone()),
            At::new(*param_pos),
            ids,
            At::new(pos),
        ))
    }
}

fn variable_name(
    var: &(
        Option<std::num::NonZeroUsize>,
        ImmutableString,
        rhai::Namespace,
        u64,
    ),
) -> &str {
    // A namespaced variable (`m::x`) is never in sight: the lookup fails.
    match var.2.is_empty() {
        true => var.1.as_str(),
        false => "",
    }
}

/// One run's variables, its operation count and the engine's run state.
struct Exec<'r> {
    slots: Vec<Dynamic>,
    operations: u64,
    run: &'r mut Run,
    rating_only: bool,
}

/// Calls `f` on every statement of `body`, nested ones included (in branches, loops and
/// blocks used as values).
fn each_stmt(body: &[Stmt], f: &mut impl FnMut(&Stmt)) {
    for stmt in body {
        f(stmt);
        match stmt {
            Stmt::If(condition, then, otherwise) => {
                stmts_in(condition, f);
                each_stmt(then, f);
                each_stmt(otherwise, f);
            }
            Stmt::For(_, items, body) => {
                stmts_in(items, f);
                each_stmt(body, f);
            }
            Stmt::Set(_, e) | Stmt::Update(_, _, e) | Stmt::Push(_, e) | Stmt::Expr(e) => {
                stmts_in(e, f)
            }
        }
    }
}

/// [`each_stmt`] on the blocks within an expression.
fn stmts_in(expr: &Expr, f: &mut impl FnMut(&Stmt)) {
    match expr {
        Expr::Block(body) => each_stmt(body, f),
        other => children(other).for_each(|e| stmts_in(e, f)),
    }
}

/// An expression's operands.
fn children(expr: &Expr) -> Box<dyn Iterator<Item = &Expr> + '_> {
    match expr {
        Expr::Const(_)
        | Expr::Var(_)
        | Expr::Read(..)
        | Expr::Param(..)
        | Expr::TallyParam(..)
        | Expr::Block(_) => Box::new(std::iter::empty()),
        Expr::Array(items) | Expr::And(items) | Expr::Or(items) | Expr::Api(_, items, _) => {
            Box::new(items.iter())
        }
        Expr::Map(entries) => Box::new(entries.iter().map(|(_, e)| e)),
        Expr::Binary(_, a, b) | Expr::Index(a, b) | Expr::TestShared(a, _, _, b, _) => {
            Box::new([&**a, &**b].into_iter())
        }
        Expr::Not(e) | Expr::Negate(e) | Expr::Property(e, _) | Expr::ParseInt(e) => {
            Box::new(std::iter::once(&**e))
        }
        Expr::Method(target, _, args) => Box::new(std::iter::once(&**target).chain(args)),
    }
}

/// Calls `f` on every expression of `body`, operands before the expression that holds
/// them.
fn each_expr_mut(body: &mut [Stmt], f: &mut impl FnMut(&mut Expr)) {
    for stmt in body {
        match stmt {
            Stmt::If(condition, then, otherwise) => {
                expr_mut(condition, f);
                each_expr_mut(then, f);
                each_expr_mut(otherwise, f);
            }
            Stmt::For(_, items, body) => {
                expr_mut(items, f);
                each_expr_mut(body, f);
            }
            Stmt::Set(_, e) | Stmt::Update(_, _, e) | Stmt::Push(_, e) | Stmt::Expr(e) => {
                expr_mut(e, f)
            }
        }
    }
}

fn expr_mut(expr: &mut Expr, f: &mut impl FnMut(&mut Expr)) {
    match expr {
        Expr::Const(_) | Expr::Var(_) | Expr::Read(..) | Expr::Param(..) | Expr::TallyParam(..) => {
        }
        Expr::Block(body) => each_expr_mut(body, f),
        Expr::Array(items) | Expr::And(items) | Expr::Or(items) | Expr::Api(_, items, _) => {
            items.iter_mut().for_each(|e| expr_mut(e, f))
        }
        Expr::Map(entries) => entries.iter_mut().for_each(|(_, e)| expr_mut(e, f)),
        Expr::Binary(_, a, b) | Expr::Index(a, b) | Expr::TestShared(a, _, _, b, _) => {
            expr_mut(a, f);
            expr_mut(b, f);
        }
        Expr::Not(e) | Expr::Negate(e) | Expr::Property(e, _) | Expr::ParseInt(e) => expr_mut(e, f),
        Expr::Method(target, _, args) => {
            expr_mut(target, f);
            args.iter_mut().for_each(|e| expr_mut(e, f));
        }
    }
    f(expr);
}

/// Whether a statement may read the indicator at `index` in the catalog
/// ([`Program::before_read_of`]).
fn stmt_reads(stmt: &Stmt, index: usize) -> bool {
    let block = |body: &[Stmt]| body.iter().any(|s| stmt_reads(s, index));
    match stmt {
        Stmt::Set(_, e) | Stmt::Update(_, _, e) | Stmt::Push(_, e) | Stmt::Expr(e) => {
            expr_reads(e, index)
        }
        Stmt::If(condition, then, otherwise) => {
            expr_reads(condition, index) || block(then) || block(otherwise)
        }
        Stmt::For(_, items, body) => expr_reads(items, index) || block(body),
    }
}

fn expr_reads(expr: &Expr, index: usize) -> bool {
    let any = |items: &[Expr]| items.iter().any(|e| expr_reads(e, index));
    match expr {
        Expr::Const(_) | Expr::Var(_) | Expr::Param(..) => false,
        Expr::Read(_, indicator, _) => indicator.index == index,
        Expr::TallyParam(_, _, ids, _) => ids.iter().any(|(i, _)| i.index == index),
        Expr::Api(which, args, _) => {
            matches!(
                which,
                Api::Value
                    | Api::Known
                    | Api::Year
                    | Api::Edition
                    | Api::Note
                    | Api::Tally
                    | Api::Require
            ) || any(args)
        }
        Expr::Array(items) | Expr::And(items) | Expr::Or(items) => any(items),
        Expr::Map(entries) => entries.iter().any(|(_, e)| expr_reads(e, index)),
        Expr::Binary(_, a, b) | Expr::Index(a, b) | Expr::TestShared(a, _, _, b, _) => {
            expr_reads(a, index) || expr_reads(b, index)
        }
        Expr::Not(e) | Expr::Negate(e) | Expr::Property(e, _) | Expr::ParseInt(e) => {
            expr_reads(e, index)
        }
        Expr::Method(target, _, args) => expr_reads(target, index) || any(args),
        Expr::Block(body) => body.iter().any(|s| stmt_reads(s, index)),
    }
}

fn give_up<T>() -> Eval<T> {
    Err(Halt::GiveUp)
}

/// The rule API's error: a stop is the rule's end, anything else is Rhai's to word.
fn api<T>(result: Result<T, Box<rhai::EvalAltResult>>) -> Eval<T> {
    result.map_err(|err| match *err {
        rhai::EvalAltResult::ErrorTerminated(..) => Halt::Stopped,
        _ => Halt::GiveUp,
    })
}

/// A value's size as Rhai counts it: (array items, map entries, string bytes), with
/// what nested arrays and maps hold.
///
/// (The type is asked first: a failed cast works out the type's name for its error.)
fn sizes(value: &Dynamic) -> (usize, usize, usize) {
    if value.is_string() {
        if let Ok(s) = value.as_immutable_string_ref() {
            return (0, 0, s.len());
        }
    } else if value.is_array() {
        if let Ok(array) = value.as_array_ref() {
            return array.iter().fold((0, 0, 0), |(a, m, s), item| {
                let (a2, m2, s2) = sizes(item);
                (a + 1 + a2, m + m2, s + s2)
            });
        }
    } else if value.is_map() {
        if let Ok(map) = value.as_map_ref() {
            return map.values().fold((0, 0, 0), |(a, m, s), item| {
                let (a2, m2, s2) = sizes(item);
                (a + a2, m + 1 + m2, s + s2)
            });
        }
    }
    (0, 0, 0)
}

/// Whether a value of these sizes is within Rhai's limits; at the limit, Rhai is left
/// to report it.
fn within_limits((arrays, maps, strings): (usize, usize, usize)) -> Eval<()> {
    match arrays >= limits::ARRAY_SIZE || maps >= limits::MAP_SIZE || strings >= limits::STRING_SIZE
    {
        true => give_up(),
        false => Ok(()),
    }
}

/// The value, if within Rhai's size limits.
fn checked(value: Dynamic) -> Eval<Dynamic> {
    if value.is_int() || value.is_bool() || value.is_float() || value.is_unit() {
        return Ok(value);
    }
    within_limits(sizes(&value))?;
    Ok(value)
}

fn string(value: &Dynamic) -> Eval<ImmutableString> {
    value.clone().into_immutable_string().or_else(|_| give_up())
}

fn boolean(value: &Dynamic) -> Eval<bool> {
    value.as_bool().or_else(|_| give_up())
}

fn int(value: &Dynamic) -> Eval<INT> {
    value.as_int().or_else(|_| give_up())
}

enum Number {
    Int(INT),
    Float(FLOAT),
}

/// (The type is asked first: a failed cast works out the type's name for its error.)
fn number(value: &Dynamic) -> Option<Number> {
    if value.is_int() {
        value.as_int().ok().map(Number::Int)
    } else if value.is_float() {
        value.as_float().ok().map(Number::Float)
    } else {
        None
    }
}

impl Number {
    fn float(&self) -> FLOAT {
        match *self {
            Number::Int(i) => i as FLOAT,
            Number::Float(x) => x,
        }
    }
}

/// A binary operator as Rhai's built-in operators give it for these types: integers,
/// floats (an integer beside a float counts as a float), strings and booleans.
fn binary(op: Op, lhs: &Dynamic, rhs: &Dynamic) -> Eval<Dynamic> {
    if op.compares() {
        return compare(op, lhs, rhs).map(Dynamic::from_bool);
    }
    match (number(lhs), number(rhs)) {
        (Some(Number::Int(a)), Some(Number::Int(b))) => {
            let result = match op {
                Op::Add => a.checked_add(b),
                Op::Sub => a.checked_sub(b),
                _ => a.checked_mul(b),
            };
            result.map(Dynamic::from_int).ok_or(Halt::GiveUp)
        }
        (Some(a), Some(b)) => {
            let (a, b) = (a.float(), b.float());
            Ok(Dynamic::from_float(match op {
                Op::Add => a + b,
                Op::Sub => a - b,
                _ => a * b,
            }))
        }
        (None, None) if matches!(op, Op::Add) && lhs.is_string() && rhs.is_string() => {
            let (a, b) = (string(lhs)?, string(rhs)?);
            checked(Dynamic::from(format!("{a}{b}")))
        }
        _ => give_up(),
    }
}

/// A comparison ([`Op::compares`]) as Rhai's built-in operators give it: numbers, and
/// strings and booleans for (in)equality.
fn compare(op: Op, lhs: &Dynamic, rhs: &Dynamic) -> Eval<bool> {
    use std::cmp::Ordering;
    let order = |o: Ordering| match op {
        Op::Eq => o == Ordering::Equal,
        Op::Ne => o != Ordering::Equal,
        Op::Lt => o == Ordering::Less,
        Op::Le => o != Ordering::Greater,
        Op::Gt => o == Ordering::Greater,
        Op::Ge => o != Ordering::Less,
        Op::Add | Op::Sub | Op::Mul => unreachable!("not a comparison"),
    };
    let equality = matches!(op, Op::Eq | Op::Ne);
    match (number(lhs), number(rhs)) {
        (Some(Number::Int(a)), Some(Number::Int(b))) => Ok(order(a.cmp(&b))),
        (Some(a), Some(b)) => Ok(compare_floats(op, a.float(), b.float())),
        (None, None) if equality && lhs.is_string() && rhs.is_string() => {
            let (a, b) = (string(lhs)?, string(rhs)?);
            Ok(order(a.as_str().cmp(b.as_str())))
        }
        (None, None) if equality && lhs.is_bool() && rhs.is_bool() => {
            Ok(order(boolean(lhs)?.cmp(&boolean(rhs)?)))
        }
        _ => give_up(),
    }
}

/// Rhai's comparison where a float is involved: equal within a relative epsilon, so that
/// 89.99999999999999 counts as at least 90 (Rhai's built-in operators, checked build).
fn compare_floats(op: Op, x: FLOAT, y: FLOAT) -> bool {
    let max = if x * y == 0.0 {
        1.0
    } else {
        x.abs().max(y.abs())
    };
    let epsilon = FLOAT::EPSILON;
    match op {
        Op::Eq => max == 0.0 || (x - y).abs() / max <= epsilon,
        Op::Ne => max != 0.0 && (x - y).abs() / max > epsilon,
        Op::Gt => max != 0.0 && (x - y) / max > epsilon,
        Op::Ge => max == 0.0 || (x - y) / max > -epsilon,
        Op::Lt => max != 0.0 && (y - x) / max > epsilon,
        Op::Le => max == 0.0 || (y - x) / max > -epsilon,
        Op::Add | Op::Sub | Op::Mul => unreachable!("not a comparison"),
    }
}

impl Exec<'_> {
    fn tick(&mut self) -> Eval<()> {
        self.operations += 1;
        match self.operations > OPERATIONS {
            true => give_up(),
            false => Ok(()),
        }
    }

    /// Runs statements whose values nobody uses (a rule's body, a branch, a loop's body).
    fn block(&mut self, body: &[Stmt]) -> Eval<()> {
        for stmt in body {
            self.stmt(stmt)?;
        }
        Ok(())
    }

    /// Runs a block used as a value: the last statement's value is the block's.
    fn block_value(&mut self, body: &[Stmt]) -> Eval<Dynamic> {
        let Some((last, before)) = body.split_last() else {
            return Ok(Dynamic::UNIT);
        };
        self.block(before)?;
        self.stmt_value(last)
    }

    /// A statement whose value is used ([`Exec::block_value`]); the same operations as
    /// [`Exec::stmt`].
    fn stmt_value(&mut self, stmt: &Stmt) -> Eval<Dynamic> {
        match stmt {
            Stmt::If(condition, then, otherwise) => {
                self.tick()?;
                match self.truth(condition)? {
                    true => self.block_value(then),
                    false => self.block_value(otherwise),
                }
            }
            Stmt::Expr(e) => {
                self.tick()?;
                self.expr(e)
            }
            other => self.stmt(other).map(|()| Dynamic::UNIT),
        }
    }

    fn stmt(&mut self, stmt: &Stmt) -> Eval<()> {
        self.tick()?;
        match stmt {
            Stmt::Set(slot, e) => self.slots[*slot] = self.expr(e)?,
            Stmt::Update(slot, op, e) => {
                let rhs = self.expr(e)?;
                self.slots[*slot] = binary(*op, &self.slots[*slot], &rhs)?;
            }
            Stmt::If(condition, then, otherwise) => match self.truth(condition)? {
                true => self.block(then)?,
                false => self.block(otherwise)?,
            },
            Stmt::For(slot, items, body) => {
                let items = self.expr(items)?.into_array().or_else(|_| give_up())?;
                for item in items {
                    self.tick()?;
                    self.slots[*slot] = item;
                    self.block(body)?;
                }
            }
            Stmt::Push(slot, e) => {
                let item = self.expr(e)?;
                let mut array = std::mem::take(&mut self.slots[*slot])
                    .into_array()
                    .or_else(|_| give_up())?;
                array.push(item);
                self.slots[*slot] = checked(Dynamic::from_array(array))?;
            }
            Stmt::Expr(e) => {
                let _ = self.expr(e)?;
            }
        }
        Ok(())
    }

    /// An expression as a condition: what `boolean(&self.expr(e)?)` gives, with the same
    /// operations counted, but without a `Dynamic` for each node it knows.
    fn truth(&mut self, expr: &Expr) -> Eval<bool> {
        match expr {
            Expr::And(items) => {
                self.tick()?;
                self.all(items)
            }
            Expr::Or(items) => {
                self.tick()?;
                self.any(items)
            }
            Expr::Not(e) => {
                self.tick()?;
                Ok(!self.truth(e)?)
            }
            Expr::Binary(op, lhs, rhs) if op.compares() => {
                self.tick()?;
                let lhs = self.expr(lhs)?;
                let rhs = self.expr(rhs)?;
                compare(*op, &lhs, &rhs)
            }
            Expr::Read(Api::Known, indicator, at) => {
                self.tick()?;
                let fact = self.run.read_at(indicator.index, &indicator.key, at.line);
                Ok(fact.is_some())
            }
            other => boolean(&self.expr(other)?),
        }
    }

    /// `a && b && …`: the operands in turn, up to the first false one.
    fn all(&mut self, items: &[Expr]) -> Eval<bool> {
        for e in items {
            if !self.truth(e)? {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// `a || b || …`: the operands in turn, up to the first true one.
    fn any(&mut self, items: &[Expr]) -> Eval<bool> {
        for e in items {
            if self.truth(e)? {
                return Ok(true);
            }
        }
        Ok(false)
    }

    fn exprs(&mut self, items: &[Expr]) -> Eval<Vec<Dynamic>> {
        items.iter().map(|e| self.expr(e)).collect()
    }

    /// A call's arguments (at most [`MAX_ARGS`], as the translation made sure), without
    /// an allocation.
    fn args(&mut self, exprs: &[Expr]) -> Eval<([Dynamic; MAX_ARGS], usize)> {
        let mut values = [Dynamic::UNIT, Dynamic::UNIT, Dynamic::UNIT];
        for (slot, e) in values.iter_mut().zip(exprs) {
            *slot = self.expr(e)?;
        }
        Ok((values, exprs.len()))
    }

    /// A chain's target: a variable is looked at where it is, not copied.
    fn with_target<T>(&mut self, target: &Expr, f: impl FnOnce(&Dynamic) -> Eval<T>) -> Eval<T> {
        match target {
            Expr::Var(slot) => f(&self.slots[*slot]),
            other => {
                let value = self.expr(other)?;
                f(&value)
            }
        }
    }

    fn expr(&mut self, expr: &Expr) -> Eval<Dynamic> {
        self.tick()?;
        match expr {
            Expr::Const(value) => Ok(value.clone()),
            Expr::Var(slot) => Ok(self.slots[*slot].clone()),
            Expr::Array(items) => checked(Dynamic::from_array(self.exprs(items)?)),
            Expr::Map(entries) => {
                let mut map = Map::new();
                for (key, e) in entries {
                    map.insert(key.clone(), self.expr(e)?);
                }
                checked(Dynamic::from_map(map))
            }
            Expr::And(items) => self.all(items).map(Dynamic::from_bool),
            Expr::Or(items) => self.any(items).map(Dynamic::from_bool),
            Expr::Binary(op, lhs, rhs) => {
                let lhs = self.expr(lhs)?;
                let rhs = self.expr(rhs)?;
                binary(*op, &lhs, &rhs)
            }
            Expr::Not(e) => Ok(Dynamic::from_bool(!self.truth(e)?)),
            Expr::Negate(e) => {
                let value = self.expr(e)?;
                match number(&value) {
                    Some(Number::Int(i)) => {
                        i.checked_neg().map(Dynamic::from_int).ok_or(Halt::GiveUp)
                    }
                    Some(Number::Float(x)) => Ok(Dynamic::from_float(-x)),
                    None => give_up(),
                }
            }
            Expr::Index(target, index) => {
                let index = int(&self.expr(index)?)?;
                self.with_target(target, |value| {
                    let array = value.as_array_ref().or_else(|_| give_up())?;
                    usize::try_from(index)
                        .ok()
                        .and_then(|i| array.get(i))
                        .cloned()
                        .ok_or(Halt::GiveUp)
                })
            }
            Expr::Property(target, name) => self.with_target(target, |value| {
                let map = value.as_map_ref().or_else(|_| give_up())?;
                map.get(name.as_str()).cloned().ok_or(Halt::GiveUp)
            }),
            Expr::Method(target, method, args) => {
                let (mut values, n) = self.args(args)?;
                let method = *method;
                self.with_target(target, |value| call_method(value, method, &mut values[..n]))
            }
            Expr::ParseInt(e) => {
                let text = string(&self.expr(e)?)?;
                text.trim()
                    .parse::<INT>()
                    .map(Dynamic::from_int)
                    .or_else(|_| give_up())
            }
            Expr::Api(which, args, at) => {
                if self.rating_only {
                    if let Some(done) = self.without_values(*which, args, *at) {
                        return done;
                    }
                }
                let (mut values, n) = self.args(args)?;
                call_api(self.run, *which, &mut values[..n], *at)
            }
            Expr::Read(which, indicator, at) => {
                let fact = self.run.read_at(indicator.index, &indicator.key, at.line);
                read_api(self.run, *which, *at, &indicator.key, fact)
            }
            Expr::Param(parameter, at) => checked(self.run.param_of(*at, parameter)),
            Expr::TallyParam(parameter, param_at, ids, at) => {
                // The argument first, as Rhai evaluates it: the parameter's step.
                self.tick()?;
                self.run.param_step(*param_at, parameter);
                let mut tally = Tally::default();
                for (indicator, id) in ids {
                    let fact = self.run.read_at(indicator.index, &indicator.key, at.line);
                    api(tally.count(*at, id.clone(), fact))?;
                }
                checked(Dynamic::from_map(tally.map()))
            }
            Expr::Block(body) => self.block_value(body),
            Expr::TestShared(key, values, operations, outcome, at) => {
                let key = string(&self.expr(key)?)?;
                for _ in 0..*operations {
                    self.tick()?;
                }
                let outcome = boolean(&self.expr(outcome)?)?;
                Ok(Dynamic::from_bool(self.run.test_with(
                    *at,
                    key,
                    values.clone(),
                    outcome,
                )))
            }
        }
    }
}

impl Exec<'_> {
    /// `test(key, #{…}, outcome)` or a conclusion `(key, #{…})` whose map holds only
    /// constants, variables, their properties, literal indicators' reads and parameters,
    /// run without building the map: only the rating is wanted. Its entries are read in
    /// turn as building it would (a read of a missing value stops the rule there); what
    /// could fail in building it (a missing property, a size limit) is checked all the
    /// same, and gives up as building it would. None: the call is run as it stands.
    fn without_values(&mut self, which: Api, args: &[Expr], at: At) -> Option<Eval<Dynamic>> {
        let (Api::Test | Api::Conclude(_), [key, Expr::Map(entries), rest @ ..]) = (which, args)
        else {
            return None;
        };
        let simple = |e: &Expr| match e {
            Expr::Const(_) | Expr::Var(_) => true,
            Expr::Property(target, _) => matches!(**target, Expr::Var(_)),
            _ => false,
        };
        // A literal indicator's read or a parameter is read as the map would read it (a
        // missing value stops the rule there), but not put in a map.
        let entry = |e: &Expr| simple(e) || matches!(e, Expr::Read(..) | Expr::Param(..));
        if !entries.iter().all(|(_, e)| entry(e)) || !simple(key) {
            return None;
        }
        Some(self.run_without_values(which, key, entries, rest, at))
    }

    fn run_without_values(
        &mut self,
        which: Api,
        key: &Expr,
        entries: &[(rhai::Identifier, Expr)],
        rest: &[Expr],
        at: At,
    ) -> Eval<Dynamic> {
        // The operations evaluating the arguments would have counted.
        for _ in 0..2 + entries.len() + rest.len() {
            self.tick()?;
        }
        let key = string(&self.expr(key)?)?;
        // A map counts one for each entry, and what its values hold.
        let mut size = (0, 0, 0);
        for (_, e) in entries {
            let (a, m, s) = match e {
                Expr::Const(value) => sizes(value),
                Expr::Var(slot) => sizes(&self.slots[*slot]),
                Expr::Property(target, name) => {
                    let Expr::Var(slot) = **target else {
                        return give_up();
                    };
                    let map = self.slots[slot].as_map_ref().or_else(|_| give_up())?;
                    sizes(map.get(name.as_str()).ok_or(Halt::GiveUp)?)
                }
                Expr::Read(which, indicator, at) => {
                    let fact = self.run.read_at(indicator.index, &indicator.key, at.line);
                    sizes(&read_api(self.run, *which, *at, &indicator.key, fact)?)
                }
                Expr::Param(parameter, at) => sizes(&checked(self.run.param_of(*at, parameter))?),
                _ => return give_up(),
            };
            size = (size.0 + a, size.1 + 1 + m, size.2 + s);
        }
        within_limits(size)?;
        match (which, rest) {
            (Api::Test, [outcome]) => {
                let outcome = boolean(&self.expr(outcome)?)?;
                Ok(Dynamic::from_bool(self.run.test(
                    at,
                    key,
                    Map::new(),
                    outcome,
                )))
            }
            (Api::Conclude(rating), []) => {
                api(self.run.conclude(at, rating, key, Map::new()))?;
                Ok(Dynamic::UNIT)
            }
            _ => give_up(),
        }
    }
}

/// The string methods the rules use, as Rhai's string package words them (positions and
/// lengths count characters); a negative position, which Rhai counts from the end, is
/// left to Rhai.
fn call_method(value: &Dynamic, method: Method, args: &mut [Dynamic]) -> Eval<Dynamic> {
    if let (Method::Len, Ok(array)) = (method, value.as_array_ref()) {
        return Ok(Dynamic::from_int(array.len() as INT));
    }
    let text = value.as_immutable_string_ref().or_else(|_| give_up())?;
    let count = |s: &str| s.chars().count() as INT;
    match method {
        Method::Len => Ok(Dynamic::from_int(count(&text))),
        Method::Split => {
            let delimiter = string(&args[0])?;
            let part = |part: &str| Dynamic::from(ImmutableString::from(part));
            // A one-byte delimiter (the rules' ";") is searched for as a byte.
            let byte = match delimiter.as_bytes() {
                &[b] if b.is_ascii() => Some(b as char),
                _ => None,
            };
            let parts: Array = match byte {
                _ if text.is_empty() => vec![Dynamic::from((*text).clone())],
                Some(c) if !text.contains(c) => vec![Dynamic::from((*text).clone())],
                Some(c) => text.split(c).map(part).collect(),
                None if !delimiter.is_empty() && !text.contains(delimiter.as_str()) => {
                    vec![Dynamic::from((*text).clone())]
                }
                None => text.split(delimiter.as_str()).map(part).collect(),
            };
            checked(Dynamic::from_array(parts))
        }
        Method::SubString => {
            let start = int(&args[0])?;
            // sub_string(start): the rest of the text.
            let len = match args.get(1) {
                Some(len) => int(len)?,
                None => count(&text),
            };
            let Ok(start) = usize::try_from(start) else {
                return give_up();
            };
            let len = usize::try_from(len).unwrap_or(0);
            let part: String = text.chars().skip(start).take(len).collect();
            Ok(Dynamic::from(ImmutableString::from(part)))
        }
        Method::IndexOf => {
            let needle = string(&args[0])?;
            if text.is_empty() {
                return Ok(Dynamic::from_int(-1));
            }
            Ok(Dynamic::from_int(
                text.find(needle.as_str()).map_or(-1, |i| count(&text[..i])),
            ))
        }
    }
}

/// What `value`, `known`, `year`, `edition` and `note` give for the fact of `id`, read:
/// one answer whether the id was looked up at translation or is read by name now.
fn read_api(run: &mut Run, which: Api, at: At, id: &str, fact: Option<Arc<Fact>>) -> Eval<Dynamic> {
    checked(match which {
        Api::Value => api(run.value_of(at, id, fact))?,
        Api::Known => Dynamic::from_bool(fact.is_some()),
        Api::Year => Dynamic::from_int(api(run.year_of(at, id, fact))?),
        Api::Edition => Dynamic::from(api(run.edition_of(at, id, fact))?),
        Api::Note => Dynamic::from(api(run.note_of(at, id, fact))?),
        _ => unreachable!("called only for the functions that read one indicator"),
    })
}

fn call_api(run: &mut Run, which: Api, args: &mut [Dynamic], at: At) -> Eval<Dynamic> {
    let mut args = args.iter_mut().map(std::mem::take);
    let mut next = || args.next().ok_or(Halt::GiveUp);
    // The API's functions take strings where a rule passes an id or name.
    let text = |d: Dynamic| d.into_immutable_string().or_else(|_| give_up());
    let list = |d: Dynamic| d.into_array().or_else(|_| give_up());
    let value = match which {
        Api::Value | Api::Known | Api::Year | Api::Edition | Api::Note => {
            let id = text(next()?)?;
            let fact = api(run.read(&id, at.line))?;
            return read_api(run, which, at, &id, fact);
        }
        Api::Tally => Dynamic::from_map(api(run.tally(at, list(next()?)?))?),
        Api::Require => {
            api(run.require(at, list(next()?)?))?;
            Dynamic::UNIT
        }
        Api::Param => api(run.param(at, &text(next()?)?))?,
        Api::Test => {
            let key = text(next()?)?;
            let second = next()?;
            let (values, outcome) = match next() {
                Ok(third) => (second.try_cast::<Map>().ok_or(Halt::GiveUp)?, third),
                Err(_) => (Map::new(), second),
            };
            let outcome = outcome.as_bool().or_else(|_| give_up())?;
            Dynamic::from_bool(run.test(at, key, values, outcome))
        }
        Api::AsOfYear => Dynamic::from_int(run.as_of_year()),
        Api::Conclude(rating) => {
            let key = text(next()?)?;
            let values = match next() {
                Ok(map) => map.try_cast::<Map>().ok_or(Halt::GiveUp)?,
                Err(_) => Map::new(),
            };
            api(run.conclude(at, rating, key, values))?;
            Dynamic::UNIT
        }
    };
    checked(value)
}
