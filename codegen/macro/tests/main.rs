//! generate!'s integration tests, one binary (each file below is a
//! module; ARCHITECTURE.md lists what each checks).

mod expand;
mod ui;
