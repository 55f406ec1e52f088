use ncat_bot::Command;

/// Mutes.
#[derive(Command)]
#[command(nme = "mute")]
struct Mute {
    seconds: u32,
}

fn main() {}
