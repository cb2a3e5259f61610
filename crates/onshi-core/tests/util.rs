//! What onshi-core's integration tests share.

/// A small, repeatable source of noise for the fuzz runs on stable Rust (xorshift64): the same seed gives
/// the same inputs, so a failure can be run again.
pub fn xorshift(mut seed: u64) -> impl FnMut() -> u64 {
    move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    }
}
