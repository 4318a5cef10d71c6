//! Memory readings for benches: one field of `/proc/<pid>/status`, in kB.

/// `field` ("VmRSS", "VmHWM") of process `pid` ("self" for this one), in kB; 0 when
/// unreadable.
pub fn status_kb(pid: &str, field: &str) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find(|l| l.split(':').next() == Some(field))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse().ok())
        })
        .unwrap_or(0)
}
