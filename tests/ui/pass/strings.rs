//! String parameters take `&str`, `String`, `&String`-derived values and `format!` output.
use ncat_api::Client;

fn main() {
    let client = Client::builder()
        .url("http://127.0.0.1:9")
        .token("t")
        .build()
        .unwrap();

    let owned = String::from("qun.qq.com");
    let borrowed: &str = &owned;
    assert_eq!(client.get_cookies(borrowed).request().domain, "qun.qq.com");
    assert_eq!(
        client.get_cookies(owned.clone()).request().domain,
        "qun.qq.com"
    );
    assert_eq!(
        client.get_cookies(owned.as_str()).request().domain,
        "qun.qq.com"
    );
    assert_eq!(
        client
            .get_cookies(format!("{}.qq.com", "qun"))
            .request()
            .domain,
        "qun.qq.com"
    );

    // Optional string parameters, through setters.
    let card = client.set_group_card(123456, 10001).card("新名片");
    assert_eq!(card.request().card.as_deref(), Some("新名片"));
    let card = client.set_group_card(123456, 10001).card(String::new());
    assert_eq!(card.request().card.as_deref(), Some(""));

    let notice = client
        .send_group_notice(123456, "meeting at 8")
        .image(String::from("https://example.com/a.png"));
    assert_eq!(notice.request().content, "meeting at 8");
    assert_eq!(
        notice.request().image.as_deref(),
        Some("https://example.com/a.png")
    );
}
