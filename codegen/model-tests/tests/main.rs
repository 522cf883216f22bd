//! The generated crates' integration tests, one binary (each file below is a
//! module; ARCHITECTURE.md lists what each checks).

mod events;
mod fixtures;
mod fuzz_targets;
mod hostile_payloads;
mod mock_server;
mod payload_mutation;
mod stripe_node_requests;
mod webhook_server;
