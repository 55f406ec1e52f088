//! Helpers shared by ncat's integration tests (`tests/tests/*.rs`).
//!
//! Kept deliberately small: each test file reads on its own, and only what
//! several of them need lives here.

use ncat_api::Client;
use ncat_mock::MockNapCat;

/// The error type of test helpers and of tests returning `Result`, so `?`
/// works on every error they meet (I/O, ncat, JSON, schema diagnostics as
/// strings).
pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Starts a mock NapCat on `127.0.0.1` (ephemeral port, no token) and builds
/// an ncat client for it with [`Client::http`].
///
/// # Errors
/// If the mock cannot bind its port, or the client rejects the mock's URL.
pub async fn mock_and_client() -> Result<(MockNapCat, Client), BoxError> {
    let mock = MockNapCat::start().await?;
    let client = Client::http(mock.url())?;
    Ok((mock, client))
}
