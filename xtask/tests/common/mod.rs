//! Helpers the xtask's integration tests share.
// Each test file uses some of these.
#![allow(dead_code)]

use std::path::PathBuf;

use xtask::repo_root;

/// `../shared/stripe-openapi/` beside the repository (or
/// `$STRIPE_OPENAPI_DIR`): Stripe's specs and fixtures, never committed.
pub fn stripe_openapi_dir() -> PathBuf {
    match std::env::var_os("STRIPE_OPENAPI_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => repo_root().join("../shared/stripe-openapi"),
    }
}
