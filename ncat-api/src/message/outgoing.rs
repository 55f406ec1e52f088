//! What the CQ-code encoder needs of a [`Segment`] beyond the mapping of
//! kinds to variants, which is generated from `schema/segments.yaml` (see
//! [`Segment::kind`] and its decoding).

use super::segment::Node;
use super::{Segment, cq};

impl cq::CqSegment for Segment {
    fn kind(&self) -> &str {
        Segment::kind(self)
    }

    fn text(&self) -> Option<&str> {
        match self {
            Segment::Text(text) => Some(&text.text),
            _ => None,
        }
    }

    fn nested_message(&self) -> Option<String> {
        match self {
            Segment::Node(Node::Custom(custom)) => Some(custom.content.to_cq()),
            _ => None,
        }
    }
}
