//! The generator's integration tests, one binary (each file below is a
//! module; ARCHITECTURE.md lists what each checks).

mod common;

mod events;
mod hostile_crate;
mod hostile_names;
mod hostile_specs;
mod mapping;
mod requests;
mod spec_mutation;
mod whole_spec_shapes;
