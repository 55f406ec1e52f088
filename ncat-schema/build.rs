//! Names the generator for snapshot fingerprints (see `src/snapshot.rs`):
//! a hash of this crate's source files, so an edit to the generator makes
//! every snapshot it did not write stale, even before a version bump.

use std::hash::Hasher;
use std::path::{Path, PathBuf};

fn main() {
    println!("cargo:rerun-if-changed=src");
    let mut files = Vec::new();
    collect(Path::new("src"), &mut files);
    files.sort();
    let mut hasher = fnv::FnvHasher::default();
    for file in files {
        // A file that cannot be read counts as empty: the build then fails
        // compiling it, with a better message than this script could give.
        let bytes = std::fs::read(&file).unwrap_or_default();
        let name = file.to_string_lossy().replace('\\', "/");
        for field in [name.as_bytes(), &bytes] {
            hasher.write_u64(field.len() as u64);
            hasher.write(field);
        }
    }
    println!(
        "cargo:rustc-env=NCAT_SCHEMA_SOURCE_HASH={:016x}",
        hasher.finish()
    );
}

/// Every `.rs` file under `dir`.
fn collect(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, files);
        } else if path.extension().is_some_and(|extension| extension == "rs") {
            files.push(path);
        }
    }
}
