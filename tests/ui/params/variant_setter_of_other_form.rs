//! A request variant has only its own form's parameters: the custom form's
//! `appId` cannot be added to a template-form mini-app card.
use ncat_api::types::MiniAppTemplate;

async fn card(client: &ncat_api::Client) -> Result<(), ncat_api::Error> {
    let reply = client
        .get_mini_app_ark_template("t", "d", "http://p", "http://j", MiniAppTemplate::Bili)
        .app_id("1109937557")
        .await?;
    println!("{reply:?}");
    Ok(())
}

fn main() {}
