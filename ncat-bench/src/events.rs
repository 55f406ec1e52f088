//! Event decoding: ncat's typed [`Event`] against parsing each event into a
//! `serde_json::Value` (what a hand-written client does), and against the
//! two passes ncat made before decoding straight from the text (a `Value`,
//! then the typed event from it).
//!
//! Each decoder reads the same mix of NapCat events (mostly group and
//! private messages, as a busy bot sees), in turn, round after round; the
//! rate ratio is the median of the rounds' ratios, each within one round.

use std::hint::black_box;
use std::time::{Duration, Instant};

use ncat_api::event::Event;
use serde_json::Value;

use crate::error::BoxError;
use crate::measure::median;
use crate::settings::Settings;
use crate::{alloc, cpu};

/// The events decoded, in the proportions a busy bot sees them.
const MIX: &[&str] = &[
    include_str!("../../ncat-api/tests/fixtures/events/message.group.json"),
    include_str!("../../ncat-api/tests/fixtures/events/message.group.json"),
    include_str!("../../ncat-api/tests/fixtures/events/message.group+unknown_segment.json"),
    include_str!("../../ncat-api/tests/fixtures/events/message.group.json"),
    include_str!("../../ncat-api/tests/fixtures/events/message.private.json"),
    include_str!("../../ncat-api/tests/fixtures/events/message.private+temp.json"),
    include_str!("../../ncat-api/tests/fixtures/events/message_sent.group.json"),
    include_str!("../../ncat-api/tests/fixtures/events/meta_event.heartbeat.json"),
    include_str!("../../ncat-api/tests/fixtures/events/notice.poke.json"),
    include_str!("../../ncat-api/tests/fixtures/events/notice.group_increase.json"),
    include_str!("../../ncat-api/tests/fixtures/events/notice.emoji_like.json"),
    include_str!("../../ncat-api/tests/fixtures/events/notice.group_recall.json"),
];

/// How an event frame is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decoder {
    /// `serde_json::from_str::<Value>`: the baseline.
    Value,
    /// `Event::from_json`: ncat's typed event, straight from the text.
    Typed,
    /// `Event::from_value(serde_json::from_str(json))`: a `Value` first,
    /// then the typed event from it (ncat before it decoded from the text).
    ValueThenTyped,
}

impl Decoder {
    const ALL: [Decoder; 3] = [Decoder::Value, Decoder::Typed, Decoder::ValueThenTyped];

    fn decode(self, json: &str) -> Result<(), BoxError> {
        match self {
            Decoder::Value => drop(black_box(serde_json::from_str::<Value>(json)?)),
            Decoder::Typed => drop(black_box(Event::from_json(json)?)),
            Decoder::ValueThenTyped => {
                drop(black_box(Event::from_value(serde_json::from_str(json)?)))
            }
        }
        Ok(())
    }
}

/// One decoder's medians over the rounds.
#[derive(Clone, Copy, Debug)]
pub struct DecodeSummary {
    /// Events decoded per second.
    pub events_per_second: f64,
    /// Thread CPU time per event, in nanoseconds.
    pub cpu_nanos_per_event: f64,
    /// Allocations per event.
    pub allocations_per_event: f64,
    /// The median over the rounds of this decoder's rate against
    /// [`Decoder::Value`]'s in the same round.
    pub ratio: f64,
}

struct Run {
    events: u64,
    wall: Duration,
    cpu: Duration,
    allocations: u64,
}

/// Decodes the mix with `decoder` for `duration` (at least once through).
/// Must run on the thread that counts allocations.
fn run(decoder: Decoder, duration: Duration) -> Result<Run, BoxError> {
    let cpu_before = cpu::thread_cpu_time()?;
    let allocations = alloc::stats().allocations;
    let start = Instant::now();
    let mut events = 0;
    loop {
        for json in MIX {
            decoder.decode(black_box(json))?;
        }
        events += MIX.len() as u64;
        if start.elapsed() >= duration {
            break;
        }
    }
    Ok(Run {
        events,
        wall: start.elapsed(),
        cpu: cpu::thread_cpu_time()? - cpu_before,
        allocations: alloc::stats().allocations - allocations,
    })
}

/// Every decoder, `settings.rounds` times in turn; the medians, in
/// `Decoder::ALL` order.
pub fn decode_rates(settings: &Settings) -> Result<Vec<(Decoder, DecodeSummary)>, BoxError> {
    let mut runs: Vec<Vec<Run>> = Decoder::ALL.iter().map(|_| Vec::new()).collect();
    let mut ratios: Vec<Vec<f64>> = Decoder::ALL.iter().map(|_| Vec::new()).collect();
    for _ in 0..settings.rounds {
        for decoder in Decoder::ALL {
            run(decoder, settings.warmup)?;
        }
        let round = Decoder::ALL
            .iter()
            .map(|&decoder| run(decoder, settings.duration))
            .collect::<Result<Vec<_>, _>>()?;
        let rate = |run: &Run| run.events as f64 / run.wall.as_secs_f64();
        let baseline = rate(&round[0]);
        for (index, run) in round.into_iter().enumerate() {
            ratios[index].push(rate(&run) / baseline);
            runs[index].push(run);
        }
    }
    Ok(Decoder::ALL
        .iter()
        .zip(runs.iter().zip(ratios))
        .map(|(&decoder, (runs, ratios))| {
            let metric = |f: fn(&Run) -> f64| median(runs.iter().map(f).collect());
            let summary = DecodeSummary {
                events_per_second: metric(|run| run.events as f64 / run.wall.as_secs_f64()),
                cpu_nanos_per_event: metric(|run| run.cpu.as_secs_f64() * 1e9 / run.events as f64),
                allocations_per_event: metric(|run| run.allocations as f64 / run.events as f64),
                ratio: median(ratios),
            };
            (decoder, summary)
        })
        .collect())
}

/// The event-decoding table (markdown).
pub fn table(rows: &[(Decoder, DecodeSummary)]) -> String {
    let mut table = format!(
        "| event decoding, in-process ({} events mixed, mostly messages) | events/s | ×Value | CPU ns/event | allocs/event |\n\
         |---|--:|--:|--:|--:|",
        MIX.len()
    );
    for (decoder, summary) in rows {
        let name = match decoder {
            Decoder::Value => "`serde_json::Value` (baseline)",
            Decoder::Typed => "`Event::from_json` (typed, from the text)",
            Decoder::ValueThenTyped => "`Value`, then `Event::from_value` (two passes)",
        };
        table += &format!(
            "\n| {name} | {:.0}k | {:.2}× | {:.0} | {:.1} |",
            summary.events_per_second / 1e3,
            summary.ratio,
            summary.cpu_nanos_per_event,
            summary.allocations_per_event,
        );
    }
    table
}
