//! The xtask's integration tests, one binary (each file below is a
//! module; ARCHITECTURE.md lists what each checks).

mod common;

mod diff;
mod errors;
mod generated;
mod interrupted;
mod pins;
mod whole_spec;
