//! The `ncat-schema` binary end to end, on fixture exports shaped like
//! NapCat's: `napcat-4.99.1.json` in the ≥ 4.17 style (OpenAPI 3.1, `$ref`s
//! into `components.schemas`, replies as `allOf` around `BaseResponse`) and
//! `napcat-4.11.2.json` in the ≤ 4.15 style (OpenAPI 3.0, inline envelopes,
//! `const` unions, an inline message union, `"type": "void"`). The fixture
//! schema agrees with both on every action they share.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::{Value, json};

type Error = Box<dyn std::error::Error>;

const BIN: &str = env!("CARGO_BIN_EXE_ncat-schema");

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn fixture_schema() -> PathBuf {
    fixtures().join("schema")
}

fn export_31() -> PathBuf {
    fixtures().join("napcat-4.99.1.json")
}

fn export_30() -> PathBuf {
    fixtures().join("napcat-4.11.2.json")
}

/// The new actions of the 3.1 fixture: removed to get an export in sync.
const NEW_ACTIONS: [&str; 10] = [
    "/.get_word_slices",
    "/ArkShareGroup",
    "/check_url_safely",
    "/fetch_custom_face",
    "/get_group_honor_info",
    "/get_group_shut_list",
    "/get_mini_app_ark",
    "/get_robot_uin_range",
    "/get_stranger_info",
    "/set_restart",
];

/// A fresh directory for one test.
fn scratch(name: &str) -> Result<PathBuf, Error> {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("ncat-schema-cli")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}

/// A copy of the fixture schema in a scratch directory.
fn schema_copy(name: &str) -> Result<PathBuf, Error> {
    let dir = scratch(name)?.join("schema");
    std::fs::create_dir_all(&dir)?;
    for entry in std::fs::read_dir(fixture_schema())? {
        let path = entry?.path();
        let file = path.file_name().ok_or("a fixture file without a name")?;
        std::fs::copy(&path, dir.join(file))?;
    }
    Ok(dir)
}

/// Runs the tool on `schema`; a panic (exit status 101) fails the test.
fn run<S: AsRef<OsStr>>(schema: &Path, args: &[S]) -> Result<Output, Error> {
    let output = Command::new(BIN)
        .arg("--schema")
        .arg(schema)
        .args(args)
        .output()?;
    assert_ne!(
        output.status.code(),
        Some(101),
        "panicked: {}",
        stderr(&output)
    );
    Ok(output)
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The 3.1 fixture without its new actions: in sync with the fixture schema.
fn in_sync_export() -> Result<Value, Error> {
    let mut export: Value = serde_json::from_str(&std::fs::read_to_string(export_31())?)?;
    for action in NEW_ACTIONS {
        remove(&mut export["paths"], action).ok_or(action)?;
    }
    Ok(export)
}

/// Removes `key` from an object.
fn remove(object: &mut Value, key: &str) -> Option<Value> {
    object.as_object_mut()?.remove(key)
}

fn write_export(dir: &Path, export: &Value) -> Result<PathBuf, Error> {
    let path = dir.join("export.json");
    std::fs::write(&path, serde_json::to_string_pretty(export)?)?;
    Ok(path)
}

/// `diff --format json`: the exit status and the report.
fn diff_json(schema: &Path, export: &Path) -> Result<(Option<i32>, Value), Error> {
    let args = [
        OsStr::new("diff"),
        OsStr::new("--openapi"),
        export.as_os_str(),
        OsStr::new("--format"),
        OsStr::new("json"),
    ];
    let output = run(schema, &args)?;
    let report = serde_json::from_str(&stdout(&output))
        .map_err(|error| format!("not JSON ({error}): {}{}", stdout(&output), stderr(&output)))?;
    Ok((output.status.code(), report))
}

// ------------------------------------------------------------------ check

#[test]
fn check_accepts_a_good_schema() -> Result<(), Error> {
    let output = run(&fixture_schema(), &["check"])?;
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stdout(&output).ends_with("9 actions in 5 categories, 2 shared types; no problems\n"));
    Ok(())
}

#[test]
fn check_reports_every_problem_exactly_as_the_macro() -> Result<(), Error> {
    let dir = schema_copy("check_errors")?;
    let group = dir.join("group.yaml");
    let text = std::fs::read_to_string(&group)?.replace(
        "{ name: duration, type: u32, default: 0 }",
        "{ name: duration, type: uint32, default: 0 }",
    );
    std::fs::write(&group, text)?;
    let user = dir.join("user.yaml");
    let text = std::fs::read_to_string(&user)?.replace("reply:", "replies:");
    std::fs::write(&user, text)?;

    let output = run(&dir, &["check"])?;
    assert_eq!(output.status.code(), Some(1));
    // The macro turns each diagnostic of this very loader into a compile error.
    let expected = ncat_schema::load_dir(&dir).unwrap_err();
    assert_eq!(expected.0.len(), 2);
    let stderr = stderr(&output);
    assert!(stderr.starts_with(&expected.to_string()), "{stderr}");
    assert!(
        stderr.contains("group.yaml:7:33: unknown type `uint32`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("user.yaml:7:5: unknown field `replies`"),
        "{stderr}"
    );
    assert!(stderr.contains("\n7 |       - { name: duration, type: uint32, default: 0 }\n"));
    assert!(stderr.ends_with(&format!("error: 2 problems in {}\n", dir.display())));
    Ok(())
}

#[test]
fn check_without_a_schema_directory_is_an_error() -> Result<(), Error> {
    let output = run(&scratch("check_missing")?.join("nope"), &["check"])?;
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("no such schema directory"));
    Ok(())
}

// ------------------------------------------------------------------- diff

#[test]
fn diff_reports_a_since_later_than_an_export_that_has_it() -> Result<(), Error> {
    let dir = schema_copy("since")?;
    let group = std::fs::read_to_string(dir.join("group.yaml"))?
        .replacen(
            "  - action: set_group_ban\n",
            "  - action: set_group_ban\n    since: \"4.99.2\"\n",
            1,
        )
        .replacen(
            "{ name: duration, type: u32, default: 0 }",
            "{ name: duration, type: u32, default: 0, since: \"5.0.0\" }",
            1,
        )
        .replacen(
            "  - action: get_group_member_list\n",
            "  - action: get_group_member_list\n    since: \"<=4.12.0\"\n",
            1,
        );
    std::fs::write(dir.join("group.yaml"), group)?;
    let export = write_export(&dir, &in_sync_export()?)?;

    // 4.99.1 has set_group_ban and its `duration`: both `since` are wrong.
    // "4.12.0 or older" is never contradicted.
    let (status, report) = diff_json(&dir, &export)?;
    assert_eq!(status, Some(1), "{report:#}");
    assert_eq!(
        report["changed"],
        json!([{"action": "set_group_ban", "category": "group", "changes": [
            {"kind": "since", "name": "", "ours": "4.99.2", "napcat": "4.99.1"},
            {"kind": "since", "name": "duration", "ours": "5.0.0", "napcat": "4.99.1"},
        ]}])
    );
    let output = run(&dir, &["diff", "--openapi", export.to_str().unwrap()])?;
    let text = stdout(&output);
    assert!(
        text.contains(
            "  set_group_ban (group)\n    ~ since: ours 4.99.2, but NapCat 4.99.1 has it\n    \
             ~ duration since: ours 5.0.0, but NapCat 4.99.1 has it\n"
        ),
        "{text}"
    );

    // An export of that release or a later one agrees.
    let mut later = in_sync_export()?;
    later["info"]["version"] = json!("5.0.0");
    let (status, report) = diff_json(&dir, &write_export(&dir, &later)?)?;
    assert_eq!(status, Some(0), "{report:#}");
    Ok(())
}

#[test]
fn equivalent_types_are_not_drift_in_either_export_style() -> Result<(), Error> {
    let dir = scratch("in_sync")?;
    let export = write_export(&dir, &in_sync_export()?)?;
    let output = run(
        &fixture_schema(),
        &["diff", "--openapi", export.to_str().unwrap()],
    )?;
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert!(stdout(&output).ends_with(&format!(
        "vs NapCat 4.99.1 ({}): in sync\n",
        export.display()
    )));

    // ncat-api reads integer fields from numeric strings and string fields
    // from numbers, so NapCat declaring either form is not drift.
    let mut lenient = in_sync_export()?;
    data(&mut lenient, "/send_group_msg")["properties"]["res_id"] = json!({"type": "number"});
    lenient["components"]["schemas"]["OB11User"]["properties"]["age"] =
        json!({"anyOf": [{"type": "number"}, {"type": "string"}]});
    let (status, report) = diff_json(&fixture_schema(), &write_export(&dir, &lenient)?)?;
    assert_eq!(status, Some(0), "{report:#}");

    // The 3.0 fixture differs only by one new action.
    let (status, report) = diff_json(&fixture_schema(), &export_30())?;
    assert_eq!(status, Some(1));
    assert_eq!(
        report["counts"],
        json!({"new": 1, "removed": 0, "changed": 0, "changed_types": 0, "new_segments": 0, "changed_segments": 0})
    );
    assert_eq!(report["new"][0]["action"], "get_group_honor_info");
    Ok(())
}

#[test]
fn new_and_removed_actions() -> Result<(), Error> {
    let (status, report) = diff_json(&fixture_schema(), &export_31())?;
    assert_eq!(status, Some(1));
    let new: Vec<(&str, Option<&str>)> = report["new"]
        .as_array()
        .unwrap()
        .iter()
        .map(|action| {
            (
                action["action"].as_str().unwrap(),
                action["category"].as_str(),
            )
        })
        .collect();
    assert_eq!(
        new,
        [
            (".get_word_slices", None),
            ("ArkShareGroup", Some("ark")),
            ("check_url_safely", None),
            ("fetch_custom_face", Some("system")),
            ("get_group_honor_info", Some("group")),
            ("get_group_shut_list", Some("group")),
            ("get_mini_app_ark", Some("ark")),
            ("get_robot_uin_range", Some("system")),
            ("get_stranger_info", Some("user")),
            ("set_restart", Some("system")),
        ]
    );
    assert_eq!(report["new"][9]["deprecated"], true);

    let dir = scratch("removed")?;
    let mut export = in_sync_export()?;
    let paths = export["paths"].as_object_mut().unwrap();
    let renamed = paths.remove("/delete_msg").unwrap();
    paths.insert("/deleteMsg".into(), renamed);
    paths.remove("/ocr_image").unwrap();
    let (status, report) = diff_json(&fixture_schema(), &write_export(&dir, &export)?)?;
    assert_eq!(status, Some(1));
    assert_eq!(
        report["removed"],
        json!([
            {"action": "delete_msg", "category": "message", "renamed_to": "deleteMsg"},
            {"action": "ocr_image", "category": "system", "renamed_to": null},
        ])
    );
    assert_eq!(
        report["counts"],
        json!({"new": 1, "removed": 2, "changed": 0, "changed_types": 0, "new_segments": 0, "changed_segments": 0})
    );
    Ok(())
}

/// One edit of the in-sync export, and the single change it must cause.
struct Case {
    edit: fn(&mut Value),
    action: &'static str,
    kind: &'static str,
    name: &'static str,
    ours: Option<&'static str>,
    napcat: Option<&'static str>,
}

fn request(export: &mut Value, action: &str) -> Value {
    export["paths"][action]["post"]["requestBody"]["content"]["application/json"]["schema"].take()
}

fn set_request(export: &mut Value, action: &str, schema: Value) {
    export["paths"][action]["post"]["requestBody"]["content"]["application/json"]["schema"] =
        schema;
}

fn data<'a>(export: &'a mut Value, action: &str) -> &'a mut Value {
    &mut export["paths"][action]["post"]["responses"]["200"]["content"]["application/json"]["schema"]
        ["allOf"][1]["properties"]["data"]
}

fn cases() -> Vec<Case> {
    vec![
        Case {
            edit: |export| export["paths"]["/delete_msg"]["post"]["deprecated"] = json!(true),
            action: "delete_msg",
            kind: "deprecated",
            name: "",
            ours: Some("not deprecated"),
            napcat: Some("deprecated"),
        },
        Case {
            edit: |export| {
                let mut schema = request(export, "/set_group_ban");
                schema["properties"]["reason"] = json!({"type": "string", "description": "原因"});
                set_request(export, "/set_group_ban", schema);
            },
            action: "set_group_ban",
            kind: "param_added",
            name: "reason",
            ours: None,
            napcat: Some("string, optional"),
        },
        Case {
            edit: |export| {
                let mut schema = request(export, "/send_group_msg");
                remove(&mut schema["properties"], "auto_escape");
                set_request(export, "/send_group_msg", schema);
            },
            action: "send_group_msg",
            kind: "param_removed",
            name: "auto_escape",
            ours: Some("bool, optional, default false"),
            napcat: None,
        },
        Case {
            edit: |export| {
                let mut schema = request(export, "/set_group_ban");
                schema["properties"]["group_id"] = json!({"type": "number"});
                set_request(export, "/set_group_ban", schema);
            },
            action: "set_group_ban",
            kind: "param_type",
            name: "group_id",
            ours: Some("GroupId"),
            napcat: Some("number"),
        },
        Case {
            edit: |export| {
                let mut schema = request(export, "/set_group_ban");
                remove(&mut schema["properties"]["duration"], "default");
                set_request(export, "/set_group_ban", schema);
            },
            action: "set_group_ban",
            kind: "param_required",
            name: "duration",
            ours: Some("optional"),
            napcat: Some("required"),
        },
        Case {
            edit: |export| {
                let mut schema = request(export, "/set_group_ban");
                schema["properties"]["duration"]["default"] = json!(1800);
                set_request(export, "/set_group_ban", schema);
            },
            action: "set_group_ban",
            kind: "param_default",
            name: "duration",
            ours: Some("0"),
            napcat: Some("1800"),
        },
        Case {
            edit: |export| {
                *data(export, "/delete_msg") =
                    json!({"type": "object", "properties": {"ok": {"type": "boolean"}}})
            },
            action: "delete_msg",
            kind: "reply_type",
            name: "",
            ours: Some("nothing"),
            napcat: Some("object {ok}"),
        },
        Case {
            edit: |export| {
                data(export, "/send_group_msg")["properties"]["forward_id"] =
                    json!({"type": "string"});
            },
            action: "send_group_msg",
            kind: "field_added",
            name: "forward_id",
            ours: None,
            napcat: Some("string, optional"),
        },
        Case {
            edit: |export| {
                remove(&mut data(export, "/get_status")["properties"], "good");
            },
            action: "get_status",
            kind: "field_removed",
            name: "good",
            ours: Some("bool, required"),
            napcat: None,
        },
        Case {
            edit: |export| {
                data(export, "/get_status")["properties"]["online"] = json!({"type": "string"});
            },
            action: "get_status",
            kind: "field_type",
            name: "online",
            ours: Some("bool"),
            napcat: Some("string"),
        },
        Case {
            edit: |export| data(export, "/get_status")["required"] = json!(["online", "stat"]),
            action: "get_status",
            kind: "field_required",
            name: "good",
            ours: Some("required"),
            napcat: Some("optional"),
        },
    ]
}

#[test]
fn each_kind_of_drift_is_reported_once() -> Result<(), Error> {
    let dir = scratch("each_kind")?;
    for case in cases() {
        let mut export = in_sync_export()?;
        (case.edit)(&mut export);
        let (status, report) = diff_json(&fixture_schema(), &write_export(&dir, &export)?)?;
        assert_eq!(status, Some(1), "{}: {report:#}", case.kind);
        assert_eq!(
            report["counts"],
            json!({"new": 0, "removed": 0, "changed": 1, "changed_types": 0, "new_segments": 0, "changed_segments": 0}),
            "{}: {report:#}",
            case.kind
        );
        let changed = &report["changed"][0];
        assert_eq!(changed["action"], case.action);
        assert_eq!(
            changed["changes"].as_array().unwrap().len(),
            1,
            "{}: {changed:#}",
            case.kind
        );
        let change = &changed["changes"][0];
        assert_eq!(change["kind"], case.kind);
        assert_eq!(change["name"], case.name);
        assert_eq!(change["ours"], json!(case.ours), "{}", case.kind);
        assert_eq!(change["napcat"], json!(case.napcat), "{}", case.kind);
    }
    Ok(())
}

#[test]
fn a_shared_type_change_is_reported_once_for_all_its_uses() -> Result<(), Error> {
    let dir = scratch("type_change")?;
    let mut export = in_sync_export()?;
    export["components"]["schemas"]["OB11User"]["properties"]["remark"] = json!({"type": "string"});
    export["components"]["schemas"]["OB11User"]["properties"]["age"] = json!({"type": "string"});
    let (status, report) = diff_json(&fixture_schema(), &write_export(&dir, &export)?)?;
    assert_eq!(status, Some(1));
    assert_eq!(
        report["counts"],
        json!({"new": 0, "removed": 0, "changed": 0, "changed_types": 1, "new_segments": 0, "changed_segments": 0})
    );
    assert_eq!(
        report["changed_types"][0],
        json!({
            "type": "User",
            "napcat": "OB11User",
            "used_by": ["get_friend_list", "get_login_info"],
            "changes": [
                {"kind": "field_added", "name": "remark", "ours": null, "napcat": "string, optional"},
                {"kind": "field_type", "name": "age", "ours": "u32", "napcat": "string"},
            ]
        })
    );
    Ok(())
}

#[test]
fn text_report_is_grouped_and_sorted() -> Result<(), Error> {
    let dir = scratch("text_report")?;
    let mut export = in_sync_export()?;
    export["paths"]
        .as_object_mut()
        .unwrap()
        .remove("/ocr_image");
    let mut schema = request(&mut export, "/set_group_ban");
    schema["properties"]["duration"]["default"] = json!(60);
    set_request(&mut export, "/set_group_ban", schema);
    export["paths"]["/get_x"] = json!({"post": {"summary": "获取 X", "tags": ["系统接口"]}});
    let path = write_export(&dir, &export)?;
    let output = run(
        &fixture_schema(),
        &["diff", "--openapi", path.to_str().unwrap()],
    )?;
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    let body = text.split_once('\n').unwrap().1;
    assert!(text.starts_with(&format!(
        "{} vs NapCat 4.99.1 (",
        fixture_schema().display()
    )));
    assert!(text.contains("): 1 new, 1 removed, 1 changed actions; 0 changed types\n"));
    assert_eq!(
        body,
        "\nNew in NapCat (1):\n  + get_x      system   获取 X\n\
         \nOnly in ours, removed or renamed upstream (1):\n  - ocr_image  system\n\
         \nChanged actions (1):\n  set_group_ban (group)\n    ~ param duration default: ours 0, NapCat 60\n"
    );
    Ok(())
}

#[test]
fn json_report_shape() -> Result<(), Error> {
    let (status, report) = diff_json(&fixture_schema(), &export_31())?;
    assert_eq!(status, Some(1));
    let keys: Vec<&str> = report
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "changed",
            "changed_segments",
            "changed_types",
            "counts",
            "in_sync",
            "napcat_version",
            "new",
            "new_segments",
            "openapi",
            "removed",
            "schema"
        ]
    );
    assert_eq!(report["in_sync"], false);
    assert_eq!(report["napcat_version"], "4.99.1");
    assert_eq!(report["openapi"], export_31().display().to_string());
    assert_eq!(report["schema"], fixture_schema().display().to_string());
    assert_eq!(
        report["new"][1],
        json!({"action": "ArkShareGroup", "category": "ark", "summary": "分享群 (Ark)", "deprecated": false})
    );
    Ok(())
}

#[test]
fn malformed_exports_are_clear_errors() -> Result<(), Error> {
    let dir = scratch("malformed")?;
    let cases: [(&str, &str); 7] = [
        (
            "{\"openapi\": ",
            "not valid JSON: EOF while parsing a value at line 1 column 12",
        ),
        (
            "[1, 2]",
            "not an OpenAPI document: the top level is an array, not an object",
        ),
        (
            r#"{"swagger": "2.0", "paths": {}}"#,
            "swagger: a Swagger 2 document; NapCat exports OpenAPI 3",
        ),
        (
            r#"{"openapi": "3.1.0", "paths": []}"#,
            "paths: `paths` must be an object, found an array",
        ),
        (
            r##"{"openapi": "3.1.0", "paths": {"/a": {"post": {"requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Gone"}}}}}}}}"##,
            "paths[\"/a\"].post.requestBody.content[\"application/json\"].schema.$ref: `$ref` to `#/components/schemas/Gone`, which `components.schemas` does not define",
        ),
        (
            r#"{"openapi": "3.1.0", "paths": {"/a": {"post": {"requestBody": {"content": {"application/json": {"schema": {"type": "array"}}}}}}}}"#,
            "paths[\"/a\"].post.requestBody.content[\"application/json\"].schema: the request body is not an object of parameters",
        ),
        (
            r#"{"openapi": "3.1.0", "paths": {"/a": {"post": {"responses": {"200": {"content": {"application/json": {"schema": {"type": "object", "properties": {"data": {"type": 7}}}}}}}}}}}"#,
            "paths[\"/a\"].post.responses[\"200\"].content[\"application/json\"].schema.properties.data: `type` must be a string or a list of strings, found a number",
        ),
    ];
    for (text, message) in cases {
        let path = dir.join("bad.json");
        std::fs::write(&path, text)?;
        let output = run(
            &fixture_schema(),
            &["diff", "--openapi", path.to_str().unwrap()],
        )?;
        assert_eq!(output.status.code(), Some(2), "{text}");
        assert_eq!(
            stderr(&output),
            format!("error: {}: {message}\n", path.display())
        );
        assert_eq!(stdout(&output), "");
    }
    let missing = dir.join("missing.json");
    let output = run(
        &fixture_schema(),
        &["diff", "--openapi", missing.to_str().unwrap()],
    )?;
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).starts_with(&format!("error: cannot read {}: ", missing.display())));
    Ok(())
}

#[test]
fn a_broken_schema_is_an_error_for_diff() -> Result<(), Error> {
    let dir = schema_copy("diff_broken_schema")?;
    std::fs::write(dir.join("ai.yaml"), "actions: 3\n")?;
    let output = run(&dir, &["diff", "--openapi", export_31().to_str().unwrap()])?;
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("ai.yaml:1:10: "),
        "{}",
        stderr(&output)
    );
    Ok(())
}

// ----------------------------------------------------------------- import

#[test]
fn import_all_new_loads_generates_parseable_code_and_is_in_sync() -> Result<(), Error> {
    let dir = schema_copy("import_all")?;
    let export = export_31();
    let export = export.to_str().unwrap();

    // Two actions have no telling tag or name.
    let output = run(&dir, &["import", "--openapi", export, "--all-new"])?;
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        "error: cannot tell the category of `.get_word_slices` (NapCat tags: 扩展接口); pass `.get_word_slices=CATEGORY` or `--category CATEGORY`\n\
         error: cannot tell the category of `check_url_safely` (NapCat tags: Go-CQHTTP); pass `check_url_safely=CATEGORY` or `--category CATEGORY`\n"
    );
    assert!(
        !dir.join("ark.yaml").exists(),
        "nothing is written on errors"
    );

    let output = run(
        &dir,
        &[
            "import",
            "--openapi",
            export,
            "--all-new",
            "--category",
            "system",
        ],
    )?;
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        stdout(&output).contains("ark.yaml: appended 2 entries\n"),
        "{}",
        stdout(&output)
    );

    // The result loads through the macro's loader and generates valid Rust.
    let schema = ncat_schema::load_dir(&dir).unwrap_or_else(|diagnostics| panic!("{diagnostics}"));
    assert_eq!(schema.actions.len(), 19);
    let code = ncat_schema::render(&schema).unwrap();
    assert!(code.contains("pub fn get_stranger_info("), "{code}");
    assert!(code.contains("pub fn get_word_slices("), "{code}");

    // Every parameter is documented (`ncat-api` denies missing docs), if
    // need be from a `$ref`'s target or with a placeholder.
    let system = std::fs::read_to_string(dir.join("system.yaml"))?;
    assert!(
        system.contains(
            "      - { name: context, type: Message, doc: OneBot 11 消息混合类型 }\n      \
         - { name: tag, type: string, doc: \"`tag`: NapCat gives no description\" }\n"
        ),
        "{system}"
    );

    // Every entry is marked for review, and nothing is drift any more.
    let group = std::fs::read_to_string(dir.join("group.yaml"))?;
    assert_eq!(group.matches("# TODO review").count(), 2);
    let output = run(&dir, &["diff", "--openapi", export])?;
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    Ok(())
}

/// The category files re-saved in another valid YAML layout.
fn relayout(text: &str, layout: &str) -> Result<String, Error> {
    Ok(match layout {
        // PyYAML's default: list items at column 0.
        "column 0" => text
            .lines()
            .map(|line| line.strip_prefix("  ").unwrap_or(line))
            .collect::<Vec<_>>()
            .join("\n"),
        "crlf, a final comment, no final newline" => {
            format!("{}\n# end of the file", text.trim_end()).replace('\n', "\r\n")
        }
        "flow" => {
            let value: Value = serde_saphyr::from_str(text)?;
            serde_json::to_string(&value)?
        }
        other => return Err(format!("unknown layout {other}").into()),
    })
}

#[test]
fn import_appends_to_files_in_any_yaml_layout() -> Result<(), Error> {
    let export = export_31();
    for layout in [
        "column 0",
        "crlf, a final comment, no final newline",
        "flow",
    ] {
        let dir = schema_copy(&format!("import_layout_{}", layout.len()))?;
        for entry in std::fs::read_dir(&dir)? {
            let path = entry?.path();
            let text = std::fs::read_to_string(&path)?;
            std::fs::write(&path, relayout(&text, layout)?)?;
        }
        let output = run(
            &dir,
            &[
                "import",
                "--openapi",
                export.to_str().unwrap(),
                "--all-new",
                "--category",
                "system",
            ],
        )?;
        assert_eq!(
            output.status.code(),
            Some(0),
            "{layout}: {}",
            stderr(&output)
        );
        let schema = ncat_schema::load_dir(&dir)
            .unwrap_or_else(|diagnostics| panic!("{layout}: {diagnostics}"));
        assert_eq!(schema.actions.len(), 19, "{layout}");
        let group = std::fs::read_to_string(dir.join("group.yaml"))?;
        assert_eq!(group.matches("# TODO review").count(), 2, "{layout}");
        if layout.starts_with("crlf") {
            assert!(
                !group.replace("\r\n", "").contains('\n'),
                "{layout}: mixed line endings"
            );
        }
        let output = run(&dir, &["diff", "--openapi", export.to_str().unwrap()])?;
        assert_eq!(
            output.status.code(),
            Some(0),
            "{layout}: {}",
            stdout(&output)
        );
    }
    Ok(())
}

#[test]
fn imported_entries_in_house_style() -> Result<(), Error> {
    let dir = schema_copy("import_style")?;
    let output = run(
        &dir,
        &[
            "import",
            "--openapi",
            export_31().to_str().unwrap(),
            "get_stranger_info",
            "fetch_custom_face",
            ".get_word_slices=system",
            "get_mini_app_ark",
            "set_restart",
        ],
    )?;
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let user = std::fs::read_to_string(dir.join("user.yaml"))?;
    let appended = user.split_once("type: list<User>\n").unwrap().1;
    assert_eq!(
        appended,
        "
  # TODO review: imported from NapCat 4.99.1's OpenAPI export by `ncat-schema import`;
  # check the types (integer widths are guesses), defaults, docs and summary.en.
  - action: get_stranger_info
    since: \"4.99.1\"
    summary: { zh: 获取陌生人信息, en: Get stranger info }
    params:
      - { name: user_id, type: UserId, required: true, doc: 用户QQ }
      - { name: no_cache, type: bool, default: false, doc: 是否不使用缓存 }
    reply:
      fields:
        - { name: user_id, type: UserId, doc: QQ号 }
        - { name: nickname, type: string, doc: 昵称 }
        - { name: qqLevel, rust_name: qq_level, type: i64, doc: QQ等级 }
        - { name: sex, type: string, optional: true, doc: 性别 }
        - { name: long_nick, type: string, optional: true, doc: 个性签名 }
        - { name: type, rust_name: kind, type: string, optional: true, doc: 账号类型 }
"
    );
    let system = std::fs::read_to_string(dir.join("system.yaml"))?;
    let appended = system.split_once("      type: json\n").unwrap().1;
    assert_eq!(
        appended,
        "
  # TODO review: imported from NapCat 4.99.1's OpenAPI export by `ncat-schema import`;
  # check the types (integer widths are guesses), defaults, docs and summary.en.
  - action: fetch_custom_face
    since: \"4.99.1\"
    summary: { zh: 获取自定义表情, en: Fetch custom face }
    params:
      - { name: count, type: u32, default: 48, doc: 获取数量 }
    reply:
      type: list<string>

  # TODO review: imported from NapCat 4.99.1's OpenAPI export by `ncat-schema import`;
  # check the types (integer widths are guesses), defaults, docs and summary.en.
  - action: \".get_word_slices\"
    since: \"4.99.1\"
    rust_name: get_word_slices
    summary: { zh: 获取中文分词 (内部), en: Get word slices }
    description: |-
      多行描述

      ## 用法
      ```json
      { \"content\": \"你好\" }
      ```
    params:
      - { name: content, type: string, required: true, doc: 内容 }
    reply:
      fields:
        - { name: slices, type: list<string>, doc: 分词结果 }

  # TODO review: imported from NapCat 4.99.1's OpenAPI export by `ncat-schema import`;
  # check the types (integer widths are guesses), defaults, docs and summary.en.
  - action: set_restart
    since: \"4.99.1\"
    deprecated: NapCat marks this action deprecated; its handler names the replacement.
    summary: { zh: 重启服务, en: Set restart }
    params:
      - { name: delay, type: f64, default: 0.5, doc: 延迟(毫秒) }
"
    );
    // A category without a file gets one; a request body NapCat accepts in
    // two forms is merged; `new` would shadow `Call::new`.
    let ark = std::fs::read_to_string(dir.join("ark.yaml"))?;
    assert!(ark.starts_with("actions:\n\n  # TODO review"), "{ark}");
    assert!(ark.contains("      - { name: type, rust_name: kind, type: string, doc: \"模板类型 (one of: bili, weibo)\" }\n"));
    assert!(ark.contains("      - { name: title, type: string, required: true, doc: 标题 }\n"));
    assert!(
        ark.contains("      - { name: new, rust_name: new_value, type: string, doc: 是否新版 }\n")
    );
    assert!(ark.contains("      type: json\n      doc: \"NapCat declares no shape (its example is `{\\\"data\\\":{}}`).\"\n"), "{ark}");
    ncat_schema::load_dir(&dir).unwrap_or_else(|diagnostics| panic!("{diagnostics}"));
    Ok(())
}

#[test]
fn import_refuses_unknown_present_and_miscategorised_actions() -> Result<(), Error> {
    let dir = schema_copy("import_refuses")?;
    let before = std::fs::read_to_string(dir.join("group.yaml"))?;
    let output = run(
        &dir,
        &[
            "import",
            "--openapi",
            export_31().to_str().unwrap(),
            "get_group_shutlist",
            "set_group_ban",
            "get_group_shut_list=groups",
            "get_group_honor_info",
        ],
    )?;
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        "error: `get_group_shutlist` is not in NapCat 4.99.1's export (did you mean `get_group_shut_list`?)\n\
         error: `set_group_ban` is already in the schema (group.yaml)\n\
         error: `get_group_shut_list`: unknown category `groups`; expected one of message, group, user, file, system, stream, ark, ai, guild\n"
    );
    assert_eq!(std::fs::read_to_string(dir.join("group.yaml"))?, before);
    Ok(())
}

#[test]
fn import_dry_run_prints_and_writes_nothing() -> Result<(), Error> {
    let dir = schema_copy("import_dry_run")?;
    let before = std::fs::read_to_string(dir.join("group.yaml"))?;
    let output = run(
        &dir,
        &[
            "import",
            "--openapi",
            export_31().to_str().unwrap(),
            "--dry-run",
            "get_group_shut_list",
        ],
    )?;
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        format!(
            "# {}: 1 entries\n  # TODO review: imported from NapCat 4.99.1's OpenAPI export by `ncat-schema import`;
  # check the types (integer widths are guesses), defaults, docs and summary.en.
  - action: get_group_shut_list
    since: \"4.99.1\"
    summary: {{ zh: 获取群禁言列表, en: Get group shut list }}
    params:
      - {{ name: group_id, type: GroupId, required: true, doc: 群号 }}
    reply:
      type: list<json>
      doc: \"NapCat declares no item shape (its example is `[{{\\\"shutUpTime\\\":1700000000,\\\"uin\\\":\\\"123456789\\\"}}]`).\"

",
            dir.join("group.yaml").display()
        )
    );
    assert_eq!(std::fs::read_to_string(dir.join("group.yaml"))?, before);
    Ok(())
}

#[test]
fn the_workspace_schema_passes_check() -> Result<(), Error> {
    let schema = Path::new(env!("CARGO_MANIFEST_DIR")).join("../schema");
    let output = run(&schema, &["check"])?;
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    Ok(())
}

// ------------------------------------------------------------ extensions

/// `--schema EXT --extends BASE` and the arguments after them.
fn run_extension<S: AsRef<OsStr>>(ext: &Path, args: &[S]) -> Result<Output, Error> {
    let base = fixture_schema();
    let mut all: Vec<&OsStr> = vec![OsStr::new("--extends"), base.as_os_str()];
    all.extend(args.iter().map(AsRef::as_ref));
    run(ext, &all)
}

#[test]
fn an_extension_directory_is_checked_diffed_and_imported_on_top_of_its_base() -> Result<(), Error> {
    let dir = scratch("extension")?;
    let ext = dir.join("napcat-extra");
    std::fs::create_dir_all(&ext)?;
    // Types of its own only, so far; `import` starts the category file.
    std::fs::write(ext.join("types.yaml"), "types: []\n")?;
    let in_sync = write_export(&dir, &in_sync_export()?)?;
    let export = export_31();

    // The base's actions are not "removed" or "new": NapCat has them, and so does the base.
    let output = run_extension(
        &ext,
        &[
            OsStr::new("diff"),
            OsStr::new("--openapi"),
            in_sync.as_os_str(),
        ],
    )?;
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}{}",
        stdout(&output),
        stderr(&output)
    );

    // Import writes into the extension what neither schema has, valid against the base.
    let import = [
        OsStr::new("import"),
        OsStr::new("--openapi"),
        export.as_os_str(),
        OsStr::new("get_group_shut_list"),
    ];
    let output = run_extension(&ext, &import)?;
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let written = std::fs::read_to_string(ext.join("group.yaml"))?;
    assert!(
        written.contains("- action: get_group_shut_list"),
        "{written}"
    );
    let output = run_extension(&ext, &["check"])?;
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        stdout(&output).contains("1 actions in 1 categories"),
        "{}",
        stdout(&output)
    );

    let output = run_extension(
        &ext,
        &[
            OsStr::new("diff"),
            OsStr::new("--openapi"),
            export.as_os_str(),
            OsStr::new("--format"),
            OsStr::new("json"),
        ],
    )?;
    let report: Value = serde_json::from_str(&stdout(&output))?;
    let new: Vec<&str> = report["new"]
        .as_array()
        .ok_or("no new actions")?
        .iter()
        .filter_map(|action| action["action"].as_str())
        .collect();
    assert_eq!(new.len(), NEW_ACTIONS.len() - 1, "{new:?}");
    assert!(!new.contains(&"get_group_shut_list"), "{new:?}");
    assert_eq!(report["counts"]["removed"], 0);
    assert_eq!(report["counts"]["changed"], 0);
    Ok(())
}

#[test]
fn an_extension_may_not_redefine_a_base_action() -> Result<(), Error> {
    let ext = scratch("extension-collision")?;
    std::fs::write(
        ext.join("message.yaml"),
        "actions:\n  - action: delete_msg\n    summary: { zh: 撤回消息, en: Recall a message }\n",
    )?;
    let output = run_extension(&ext, &["check"])?;
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(
        message.contains("message.yaml:2:13: action `delete_msg` is built into ncat-api"),
        "{message}"
    );
    Ok(())
}
