//! Resolved IR -> placement: the crate and the module of every type.
//!
//! Takes the type space and the configured crates; gives a [`Placement`],
//! which the emitter reads beside the IR. A schema goes to the first crate
//! whose patterns match its name, else to the default crate; every type
//! goes where its home schema goes, into one module per home schema. The
//! crates must not depend on each other in a cycle, which Stripe's
//! resources do: schemas on a cycle move into the shared (default) crate
//! until none is left. Decided here, once.

use std::collections::{BTreeMap, BTreeSet};

use crate::config::Config;
use crate::graph::first_cycle;
use crate::ir::{TypeId, TypeSpace};
use crate::names::{module_name, NameSet};

/// Where every type goes.
#[derive(Clone, Debug)]
pub struct Placement {
    /// The crates, in configuration order.
    pub crates: Vec<CrateDef>,
    /// The crate of each type, by [`TypeId`].
    pub crate_of: Vec<usize>,
    /// The modules of each crate, in type order.
    pub modules: Vec<Vec<Module>>,
    /// For each crate, the crates it depends on, each with one schema that
    /// makes it (`(user, used)`), for messages.
    pub deps: Vec<BTreeMap<usize, (String, String)>>,
}

/// One output crate.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CrateDef {
    /// The package name, such as `stripe-identity`.
    pub name: String,
    /// One line of description.
    pub description: String,
}

/// One module of a crate: the types of one home schema.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Module {
    /// The module's name, unique in its crate.
    pub name: String,
    /// Its types, in type order.
    pub types: Vec<TypeId>,
}

/// The Rust name of a crate (`stripe-identity` -> `stripe_identity`).
pub fn crate_ident(name: &str) -> String {
    name.replace('-', "_")
}

/// Places every type of `space` into the crates of `config` (validated:
/// exactly one is the default).
pub fn place(space: &TypeSpace, config: &Config) -> Placement {
    let crates = &config.crates;
    let mut crate_of: Vec<usize> = space
        .types
        .iter()
        .map(|t| config.crate_for(&t.home))
        .collect();
    let shared = crates.iter().position(|c| c.default).unwrap_or(0);
    break_crate_cycles(space, &mut crate_of, crates.len(), shared);
    let crate_defs: Vec<CrateDef> = crates
        .iter()
        .map(|c| CrateDef {
            name: c.name.clone(),
            description: c.description.clone(),
        })
        .collect();
    let modules = modules(space, &crate_of, &crate_defs);
    let deps = dependencies(space, &crate_of, crates.len());
    Placement {
        crates: crate_defs,
        crate_of,
        modules,
        deps,
    }
}

/// One module per home schema in each crate, named after it; no module
/// takes the name `lib` or that of a sibling crate (which would make
/// `pub use stripe_shared::...` in `lib.rs` ambiguous).
fn modules(space: &TypeSpace, crate_of: &[usize], crates: &[CrateDef]) -> Vec<Vec<Module>> {
    let mut modules: Vec<Vec<Module>> = crates.iter().map(|_| Vec::new()).collect();
    let mut module_of: BTreeMap<(usize, &str), usize> = BTreeMap::new();
    let mut names: Vec<NameSet> = crates
        .iter()
        .map(|_| {
            let mut n = NameSet::new();
            n.reserve("lib");
            for krate in crates {
                n.reserve(&crate_ident(&krate.name));
            }
            n
        })
        .collect();
    for (id, def) in space.iter() {
        let k = crate_of[id.0];
        let index = *module_of.entry((k, def.home.as_str())).or_insert_with(|| {
            let name = names[k].claim(&module_name(&def.home));
            modules[k].push(Module {
                name,
                types: Vec::new(),
            });
            modules[k].len() - 1
        });
        modules[k][index].types.push(id);
    }
    modules
}

/// Every reference from a type in one crate to a type in another: `(from
/// crate, to crate, the referring type's home schema, the referred one's)`.
fn cross_crate_refs<'s: 'c, 'c>(
    space: &'s TypeSpace,
    crate_of: &'c [usize],
) -> impl Iterator<Item = (usize, usize, &'s str, &'s str)> + 'c {
    space.iter().flat_map(move |(id, def)| {
        def.references().into_iter().filter_map(move |target| {
            let (from, to) = (crate_of[id.0], crate_of[target.0]);
            (from != to).then(|| (from, to, def.home.as_str(), space.get(target).home.as_str()))
        })
    })
}

fn dependencies(
    space: &TypeSpace,
    crate_of: &[usize],
    crates: usize,
) -> Vec<BTreeMap<usize, (String, String)>> {
    let mut deps: Vec<BTreeMap<usize, (String, String)>> = vec![BTreeMap::new(); crates];
    for (from, to, user, used) in cross_crate_refs(space, crate_of) {
        deps[from]
            .entry(to)
            .or_insert_with(|| (user.to_string(), used.to_string()));
    }
    deps
}

/// Moves schemas into the shared crate until the crates no longer depend on
/// each other in a cycle.
///
/// Stripe's resources refer to each other freely (a customer has invoices,
/// an invoice has a customer), so crates split by product have cycles in
/// the configuration, but crates cannot depend on each other in a cycle,
/// while one crate can hold any cycle of types. Each round finds one cycle
/// of crates (the first one found, crates visited in configuration order)
/// and breaks it at one dependency: the one that leaves the shared crate if
/// the cycle has one, else the one made by the fewest schemas. The schemas
/// that make it move into the shared crate, with their inline types and id
/// type. Every move shrinks the other crates, so this ends; the outcome
/// depends only on the spec and the configuration, and without cycles
/// nothing moves (as for the checked-in crates).
fn break_crate_cycles(space: &TypeSpace, crate_of: &mut [usize], crates: usize, shared: usize) {
    let mut by_home: BTreeMap<&str, Vec<TypeId>> = BTreeMap::new();
    for (id, def) in space.iter() {
        by_home.entry(def.home.as_str()).or_default().push(id);
    }
    loop {
        // For each crate dependency, the schemas it uses in the other crate.
        let mut deps: Vec<BTreeMap<usize, BTreeSet<&str>>> = vec![BTreeMap::new(); crates];
        for (from, to, _, used) in cross_crate_refs(space, crate_of) {
            deps[from].entry(to).or_default().insert(used);
        }
        let Some(cycle) = first_cycle(&deps) else {
            return;
        };
        let steps: Vec<(usize, usize)> = cycle.windows(2).map(|w| (w[0], w[1])).collect();
        let (from, to) = steps
            .iter()
            .copied()
            .find(|&(from, _)| from == shared)
            .unwrap_or_else(|| {
                steps
                    .iter()
                    .copied()
                    .min_by_key(|&(from, to)| deps[from][&to].len())
                    .unwrap_or(steps[0])
            });
        let moving: Vec<&str> = deps[from][&to].iter().copied().collect();
        for home in moving {
            for &id in &by_home[home] {
                crate_of[id.0] = shared;
            }
        }
    }
}
