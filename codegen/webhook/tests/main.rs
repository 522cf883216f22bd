//! The webhook crate's integration tests, one binary (each file below is a
//! module; ARCHITECTURE.md lists what each checks).

mod stripe_node;
mod webhook;
