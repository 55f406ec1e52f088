//! The checked-in expansion snapshot matches what `generate!` emits for
//! `schema/`, so reviewers and IDE users read the real generated code, and
//! the macro compiles the snapshot itself (see `ncat_schema::snapshot`).
//!
//! Regenerate it after a schema or generator change with
//! `NCAT_UPDATE_SNAPSHOT=1 cargo test -p ncat-tests --test snapshot`.

use std::path::Path;

#[test]
fn generated_code_snapshot_is_current() {
    check("ncat-api/generated/actions.rs", ncat_schema::render);
}

/// `generate_segments!`'s own snapshot, from `schema/segments.yaml`.
#[test]
fn generated_segments_snapshot_is_current() {
    check(
        "ncat-api/generated/segments.rs",
        ncat_schema::render_segments,
    );
}

/// `generate_events!`'s own snapshot, from `schema/events.yaml`.
#[test]
fn generated_events_snapshot_is_current() {
    check("ncat-api/generated/events.rs", ncat_schema::render_events);
}

#[expect(
    clippy::expect_used,
    reason = "a helper of the tests above: its failure is theirs"
)]
fn check<E: std::fmt::Debug>(
    snapshot: &str,
    render: fn(&ncat_schema::model::Schema) -> Result<String, E>,
) {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let schema = ncat_schema::load_dir(&workspace.join("schema"))
        .unwrap_or_else(|diagnostics| panic!("{diagnostics}"));
    let rendered = render(&schema).expect("generated code parses");
    let path = workspace.join(snapshot);
    if std::env::var_os("NCAT_UPDATE_SNAPSHOT").is_some() {
        std::fs::write(&path, &rendered).expect("write the snapshot");
        return;
    }
    let checked_in = std::fs::read_to_string(&path).unwrap_or_default();
    if let Some((number, (old, new))) = checked_in
        .lines()
        .chain(std::iter::repeat("<end of file>"))
        .zip(rendered.lines().chain(std::iter::repeat("<end of file>")))
        .take(checked_in.lines().count().max(rendered.lines().count()))
        .enumerate()
        .find(|(_, (old, new))| old != new)
    {
        panic!(
            "{snapshot} is out of date; first difference at line {}:\n  snapshot:  {old}\n  generated: {new}\n\
             Regenerate it with `NCAT_UPDATE_SNAPSHOT=1 cargo test -p ncat-tests --test snapshot` and review the diff.",
            number + 1
        );
    }
    // The macro compares bytes: `\r\n` line endings (a checkout converting
    // them) would make it compile its own output, silently.
    assert!(
        checked_in == rendered,
        "{snapshot} differs from the generated code only in line endings; check it out with `\\n` endings"
    );
}
