//! The tray's icons, drawn the way the screens draw their status icons (StatusIcon.svelte): a filled
//! circle in the status colour with a white ✓, !, × or i (neutral: not known), so the state reads without
//! colour vision.

use onshi_core::verdict::Level;
use tauri::image::Image;

const SIZE: u32 = 32;

fn colour(level: Level) -> [u8; 3] {
    // The --info, --ok, --warn and --error colours of app.css.
    match level {
        Level::Info => [0x3d, 0x5a, 0x80],
        Level::Ok => [0x1a, 0x7a, 0x3c],
        Level::Warn => [0x8a, 0x53, 0x00],
        Level::Error => [0xb3, 0x26, 0x1e],
    }
}

type Point = (f32, f32);
/// A straight stroke of the glyph, from one point to another.
type Stroke = (Point, Point);

/// Distance from point p to the segment a–b.
fn to_segment(p: Point, a: Point, b: Point) -> f32 {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let t = (((p.0 - a.0) * dx + (p.1 - a.1) * dy) / (dx * dx + dy * dy)).clamp(0.0, 1.0);
    let (x, y) = (a.0 + t * dx - p.0, a.1 + t * dy - p.1);
    (x * x + y * y).sqrt()
}

/// The glyph's strokes, on a 32-pixel square.
fn strokes(level: Level) -> &'static [Stroke] {
    match level {
        Level::Info => &[((16.0, 9.0), (16.0, 9.1)), ((16.0, 14.0), (16.0, 23.0))],
        Level::Ok => &[((9.0, 16.5), (14.0, 21.5)), ((14.0, 21.5), (23.0, 11.0))],
        Level::Warn => &[((16.0, 8.0), (16.0, 18.5)), ((16.0, 23.5), (16.0, 23.6))],
        Level::Error => &[((10.5, 10.5), (21.5, 21.5)), ((21.5, 10.5), (10.5, 21.5))],
    }
}

/// The RGBA pixels of one icon.
pub fn pixels(level: Level) -> Vec<u8> {
    let [r, g, b] = colour(level);
    let mut out = Vec::with_capacity((SIZE * SIZE * 4) as usize);
    for y in 0..SIZE {
        for x in 0..SIZE {
            let p = (x as f32 + 0.5, y as f32 + 0.5);
            let from_centre = ((p.0 - 16.0).powi(2) + (p.1 - 16.0).powi(2)).sqrt();
            let disc = (15.5 - from_centre).clamp(0.0, 1.0);
            let ink = strokes(level)
                .iter()
                .map(|(a, b)| (2.0 - to_segment(p, *a, *b) + 0.5).clamp(0.0, 1.0))
                .fold(0.0f32, f32::max);
            let mix = |c: u8| (f32::from(c) * (1.0 - ink) + 255.0 * ink).round() as u8;
            out.extend_from_slice(&[mix(r), mix(g), mix(b), (disc * 255.0).round() as u8]);
        }
    }
    out
}

pub fn icon(level: Level) -> Image<'static> {
    Image::new_owned(pixels(level), SIZE, SIZE)
}
