use ncat_api::event::GroupMessage;
use ncat_bot::Router;

async fn handler(_: GroupMessage, _: String) {}

fn main() {
    let _router: Router = Router::new().on(handler);
}
