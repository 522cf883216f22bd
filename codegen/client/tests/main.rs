//! The clients' integration tests, one binary (each file below is a
//! module; ARCHITECTURE.md lists what each checks).

mod client_faults;
mod paging;
mod proxy;
mod timeouts;
