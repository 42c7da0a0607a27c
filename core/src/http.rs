//! What every backend call shares, without sending anything: endpoint paths, the JSON envelope,
//! the one error type, serde pieces of the answers, retry with backoff, and health badges.

pub mod backoff;
pub(crate) mod de;
pub mod endpoints;
pub mod envelope;
pub mod error;
pub mod health;
