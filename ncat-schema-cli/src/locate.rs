//! Finding the schema directory when `--schema` is not given.

use std::path::{Path, PathBuf};

/// `schema/` in the current directory or the nearest parent that has one
/// (recognised by its `types.yaml`), written relative to the current
/// directory; failing that, the `schema/` of the workspace this tool was
/// built in.
pub fn schema_dir() -> Result<PathBuf, String> {
    let cwd = std::env::current_dir()
        .map_err(|error| format!("cannot read the current directory: {error}"))?;
    let mut relative = PathBuf::new();
    for dir in cwd.ancestors() {
        if is_schema_dir(&dir.join("schema")) {
            return Ok(relative.join("schema"));
        }
        relative.push("..");
    }
    let built_in = Path::new(env!("CARGO_MANIFEST_DIR")).join("../schema");
    if is_schema_dir(&built_in) {
        return Ok(built_in);
    }
    Err("no schema directory found: run inside the ncat workspace or pass `--schema DIR`".into())
}

fn is_schema_dir(dir: &Path) -> bool {
    dir.join(ncat_schema::TYPES_FILE).is_file()
}
