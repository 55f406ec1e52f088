//! [`PostSource`]: a bot on NapCat's HTTP POST mode (feature `post`).

use ncat_api::Client;
use ncat_api::post::PostServer;

use crate::source::{AccountServer, Accounts, Delivery, EventSource, IntoEventSource};

/// Every NapCat account that posts to a [`PostServer`] (NapCat's
/// `httpClients`), each event with its account's client (the account from
/// the post's `x-self-id`; calls go to the HTTP API configured on the
/// server).
///
/// Only posts whose signature checks out reach the bot: the server refuses
/// the others before decoding them. A message or request event's post is
/// held open until the bot's handlers for it return (or the server's
/// [`quick_deadline`](ncat_api::post::PostServerBuilder::quick_deadline)
/// passes), so a handler can answer in the response with a quick
/// operation (`message.quick().reply("…").send(&client)`); other events
/// are answered at once.
///
/// ```no_run
/// use ncat_api::{Client, event::GroupMessage, post::PostServer};
/// use ncat_bot::{Bot, Router};
///
/// async fn echo(message: GroupMessage, client: Client) -> Result<(), ncat_api::Error> {
///     message.quick().reply(message.message.plain_text()).send(&client).await?;
///     Ok(())
/// }
///
/// # async fn demo() -> Result<(), ncat_api::Error> {
/// let server = PostServer::builder()
///     .secret("s3cret")
///     .api_url("http://127.0.0.1:3000")
///     .api_token("s3cret")
///     .bind("127.0.0.1:8080")
///     .await?;
/// Bot::new(Router::new().on(echo)).run(server).await;
/// # Ok(()) }
/// ```
pub struct PostSource {
    accounts: Accounts<PostServer>,
}

impl PostSource {
    /// The events of every account that posts to `server` from now on.
    pub fn new(server: PostServer) -> Self {
        PostSource {
            accounts: Accounts::new(server),
        }
    }
}

impl std::fmt::Debug for PostSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PostSource")
            .field("server", &self.accounts.server)
            .field("accounts", &self.accounts.events.len())
            .finish()
    }
}

impl EventSource for PostSource {
    async fn next_delivery(&mut self) -> Option<Delivery> {
        self.accounts.next_delivery().await
    }
}

impl IntoEventSource for PostServer {
    type Source = PostSource;

    fn into_source(self) -> PostSource {
        PostSource::new(self)
    }
}

impl AccountServer for PostServer {
    async fn accept_client(&mut self) -> Option<Client> {
        let account = self.accept().await?;
        Some(account.client().clone())
    }
}
