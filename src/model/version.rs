//! Content versions: a short, stable fingerprint of what an author wrote, so a learner's
//! saved progress can tell "finished" from "changed since you finished". Learners' browsers
//! keep these strings across builds and Lectern versions, so the hash must never depend on
//! the Rust version or the machine (`DefaultHasher` is neither): FNV-1a 64, written here.

/// 12 lower-case hex digits of the FNV-1a 64 hash of `text`'s bytes.
pub fn content_version(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{:012x}", h >> 16)
}

#[cfg(test)]
mod tests {
    use super::content_version;

    #[test]
    fn the_version_is_stable_and_follows_the_text() {
        // Pinned: a change here would mark every learner's finished lesson "changed".
        assert_eq!(content_version(""), format!("{:012x}", 0xcbf2_9ce4_8422_2325u64 >> 16));
        assert_eq!(content_version("直播"), content_version("直播"));
        assert_ne!(content_version("直播"), content_version("直播。"));
        assert_eq!(content_version("a").len(), 12);
    }
}
