//! Comparing a recording with its golden file under `tests/golden/`, for
//! the golden tests (`event_golden`, `segment_golden`).

use std::path::Path;

/// Checks `recorded` against `tests/golden/<name>`, naming the first line
/// that differs; with `NCAT_UPDATE_GOLDEN` set, writes it there instead.
pub fn compare(name: &str, recorded: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("NCAT_UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, recorded).unwrap();
        return;
    }
    let golden = std::fs::read_to_string(&path).unwrap();
    let difference = golden
        .lines()
        .zip(recorded.lines())
        .enumerate()
        .find(|(_, (old, new))| old != new);
    if let Some((number, (old, new))) = difference {
        panic!(
            "tests/golden/{name} line {}:\n  recorded: {old}\n  now:      {new}",
            number + 1
        );
    }
    assert_eq!(golden, recorded);
}
