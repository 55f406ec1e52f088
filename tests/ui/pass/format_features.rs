//! The format additions compile in the intended ways: union parameters from
//! either form, one method per request variant, optional replies as
//! `Option`, and parameter groups checked before sending.
use ncat_api::actions::CreateFlashTaskFiles;
use ncat_api::types::MiniAppTemplate;
use ncat_api::{Client, Error, ParamRule};

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let client = Client::builder()
        .url("http://127.0.0.1:9")
        .token("t")
        .build()
        .unwrap();

    // Union: one path, or several, each sent as it is.
    let one = client.create_flash_task("/data/folder");
    assert_eq!(one.request().files, CreateFlashTaskFiles::String("/data/folder".into()));
    let many = client.create_flash_task(vec!["/a.png".to_owned(), "/b.png".to_owned()]);
    assert_eq!(
        serde_json::to_value(many.request()).unwrap()["files"],
        serde_json::json!(["/a.png", "/b.png"])
    );

    // Variants: each form its own method and setters.
    let template = client
        .get_mini_app_ark_template("t", "d", "http://p", "http://j", MiniAppTemplate::Weibo)
        .web_url("http://w");
    assert_eq!(template.request().template, MiniAppTemplate::Weibo);
    let by_seq = client.delete_essence_msg_by_seq(123456, "41007", "903145522");
    assert_eq!(by_seq.request().msg_seq, "41007");

    // Optional reply: the output type is an `Option`.
    let _: fn(&Client) -> ncat_api::Call<ncat_api::actions::SendPacketRequest> =
        |client| client.send_packet("cmd", "00");
    fn output<A: ncat_api::Action<Output = Option<String>>>(_: &A) {}
    output(client.send_packet("cmd", "00").request());

    // Groups: broken before anything is sent (the URL is never reached).
    match client.get_image().await {
        Err(Error::InvalidParams(error)) => {
            assert_eq!(error.rule, ParamRule::ExactlyOne);
            assert_eq!(error.params, ["file", "file_id"]);
        }
        other => panic!("{other:?}"),
    }
}
