use ncat_bot::Command;

/// Pings an address.
#[derive(Command)]
struct Ping {
    address: std::net::IpAddr,
}

fn main() {}
