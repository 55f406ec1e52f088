use ncat_bot::Command;

#[derive(Command)]
union Both {
    a: u32,
    b: f32,
}

fn main() {}
