//! Content versions: a short, stable fingerprint of what an author wrote, so a learner's
//! saved progress can tell "finished" from "changed since you finished". Learners' browsers
//! keep these strings across builds and Lectern versions, so the hash must never depend on
//! the Rust version or the machine (`DefaultHasher` is neither): FNV-1a 64, written here.
//! Nor on how the file was saved: a byte-order mark and CRLF or CR line ends (an editor's
//! or Git's `autocrlf` choice, not the author's) give the version of the same text in LF.

/// 12 lower-case hex digits of the FNV-1a 64 hash of `text`'s bytes, read without a
/// leading BOM and with every line end as `\n`.
pub fn content_version(text: &str) -> String {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut bytes = text.bytes().peekable();
    while let Some(mut b) = bytes.next() {
        if b == b'\r' {
            if bytes.peek() == Some(&b'\n') {
                continue; // CRLF: the LF that follows is the line end
            }
            b = b'\n';
        }
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

    #[test]
    fn how_the_file_was_saved_does_not_change_the_version() {
        let lf = "---\ntitle: 开播\n---\n正文\n";
        assert_eq!(content_version(&lf.replace('\n', "\r\n")), content_version(lf));
        assert_eq!(content_version(&lf.replace('\n', "\r")), content_version(lf));
        assert_eq!(content_version(&format!("\u{feff}{lf}")), content_version(lf));
        assert_ne!(content_version(&lf.replace("正文", "正文。")), content_version(lf));
    }
}
