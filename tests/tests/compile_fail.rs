//! Compile-time guarantees, checked with trybuild:
//! - a schema mistake is a compile error naming `file:line:col` (`ui/schema`),
//!   segment kinds' (`segments.yaml`, `generate_segments!`) included, and
//!   in `events.yaml` too (`event_*`: an unknown field type, two events
//!   chosen by the same keys, `use:` of an undefined shared field);
//! - a call with wrong parameter types, a misspelt or foreign setter, a
//!   wrong reply type or a deprecated alias does not compile (`ui/params`),
//!   with a message that points at the mistake;
//! - a message mixing up ids, received-only segments or sendable content
//!   does not compile (`ui/messages`);
//! - the ncatbot conveniences reject a wrong target kind, a mention in a
//!   private post, two files in one file post, and unawaited posts
//!   (`ui/conveniences`);
//! - an extension schema (`ncat_api::extend!`) with an unknown type, a bad
//!   default, or a name ncat-api already has (an event type, a segment
//!   kind or segment data type too) is a
//!   compile error naming `file:line:col` (`ui/extension`);
//! - the intended ways of calling do compile, and run (`ui/pass`): integer
//!   literals for ids, `&str`/`String` for text, messages from strings and
//!   segments, setters in any order, `Client::call`, spawnable futures.
//!
//! Regenerate the expected `.stderr` files after an intended change with
//! `TRYBUILD=overwrite cargo test -p ncat-tests --test compile_fail`.

#[test]
fn compile_time_checks() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("ui/schema/*.rs");
    cases.compile_fail("ui/params/*.rs");
    cases.compile_fail("ui/messages/*.rs");
    cases.compile_fail("ui/conveniences/*.rs");
    cases.compile_fail("ui/extension/*.rs");
    cases.pass("ui/pass/*.rs");
}
