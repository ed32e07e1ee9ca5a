//! Label placement without overlaps, in pixel space.
//!
//! Each label is tried at candidate positions around its anchor point: right, left, above, below,
//! then the four diagonals, first close to the point and then further out (further positions get a
//! leader line). The first candidate that stays inside the plotting area and overlaps neither an
//! already placed label nor an obstacle (a marker) wins; if none is free, the candidate with the
//! least overlap is used. Labels are placed greedily in the order given.

/// An axis-aligned rectangle in pixels: top-left corner, width and height.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rect {
    /// Left edge.
    pub x: i32,
    /// Top edge.
    pub y: i32,
    /// Width.
    pub w: i32,
    /// Height.
    pub h: i32,
}

impl Rect {
    /// A square of side `2 r` centred on `(cx, cy)` (the footprint of a marker).
    pub fn around(cx: i32, cy: i32, r: i32) -> Rect {
        Rect { x: cx - r, y: cy - r, w: 2 * r, h: 2 * r }
    }

    /// Area of the intersection with `other` (0 if disjoint or only touching).
    pub fn overlap(&self, other: &Rect) -> i64 {
        let w = (self.x + self.w).min(other.x + other.w) - self.x.max(other.x);
        let h = (self.y + self.h).min(other.y + other.h) - self.y.max(other.y);
        if w <= 0 || h <= 0 {
            0
        } else {
            i64::from(w) * i64::from(h)
        }
    }

    /// Area of the part of `self` outside `bounds`.
    pub fn outside(&self, bounds: &Rect) -> i64 {
        i64::from(self.w) * i64::from(self.h) - self.overlap(bounds)
    }
}

/// Where a label went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placement {
    /// The label's rectangle (top-left corner and size).
    pub rect: Rect,
    /// True if the label sits away from its anchor and should be joined to it by a line.
    pub leader: bool,
}

/// Places labels of the given pixel `sizes` (width, height) next to their `anchors`, inside
/// `bounds`. Overlaps are avoided in this order of importance: leaving `bounds`, covering an already
/// placed label, covering a marker (`obstacles`), covering a line (`soft` obstacles, e.g. small
/// squares sampled along drawn lines); among equally good candidates the one nearest to its anchor wins.
pub fn place(
    anchors: &[(i32, i32)],
    sizes: &[(i32, i32)],
    obstacles: &[Rect],
    soft: &[Rect],
    bounds: Rect,
) -> Vec<Placement> {
    let mut placed: Vec<Rect> = Vec::new();
    let mut out = Vec::new();
    for (&(ax, ay), &(w, h)) in anchors.iter().zip(sizes) {
        let mut best: Option<(i64, Placement)> = None;
        for (ring, gap) in [8, 24, 44, 70].into_iter().enumerate() {
            let candidates = [
                (ax + gap, ay - h / 2),
                (ax - gap - w, ay - h / 2),
                (ax - w / 2, ay - gap - h),
                (ax - w / 2, ay + gap),
                (ax + gap, ay - gap - h),
                (ax + gap, ay + gap),
                (ax - gap - w, ay - gap - h),
                (ax - gap - w, ay + gap),
            ];
            for (x, y) in candidates {
                let rect = Rect { x, y, w, h };
                let score = rect.outside(&bounds) * 100_000
                    + placed.iter().map(|p| p.overlap(&rect)).sum::<i64>() * 10_000
                    + obstacles.iter().map(|o| o.overlap(&rect)).sum::<i64>() * 100
                    + soft.iter().map(|o| o.overlap(&rect)).sum::<i64>()
                    + ring as i64 * 60;
                let candidate = Placement { rect, leader: ring >= 2 };
                if best.as_ref().is_none_or(|(s, _)| score < *s) {
                    best = Some((score, candidate));
                }
            }
        }
        let chosen = best.map(|(_, p)| p).unwrap_or(Placement { rect: Rect { x: ax, y: ay, w, h }, leader: false });
        placed.push(chosen.rect);
        out.push(chosen);
    }
    out
}

/// Small squares (side 4) every `step` pixels along the polyline `pts`: soft obstacles for
/// [`place`] that keep labels off drawn lines.
pub fn sample_line(pts: &[(i32, i32)], step: i32) -> Vec<Rect> {
    let mut out = Vec::new();
    for w in pts.windows(2) {
        let (a, b) = (w[0], w[1]);
        let len = f64::from(b.0 - a.0).hypot(f64::from(b.1 - a.1));
        let n = (len / f64::from(step.max(1))).ceil().max(1.0) as i32;
        for k in 0..=n {
            let t = f64::from(k) / f64::from(n);
            let x = f64::from(a.0) + t * f64::from(b.0 - a.0);
            let y = f64::from(a.1) + t * f64::from(b.1 - a.1);
            out.push(Rect::around(x.round() as i32, y.round() as i32, 2));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_of_coincident_points_do_not_overlap() {
        let bounds = Rect { x: 0, y: 0, w: 400, h: 300 };
        let anchors = vec![(200, 150); 6];
        let sizes = vec![(80, 14); 6];
        let obstacles = vec![Rect::around(200, 150, 5)];
        let p = place(&anchors, &sizes, &obstacles, &[], bounds);
        for (i, a) in p.iter().enumerate() {
            assert_eq!(a.rect.outside(&bounds), 0);
            assert_eq!(a.rect.overlap(&obstacles[0]), 0);
            for b in &p[i + 1..] {
                assert_eq!(a.rect.overlap(&b.rect), 0, "{a:?} {b:?}");
            }
        }
    }

    #[test]
    fn labels_stay_inside_near_the_edge() {
        let bounds = Rect { x: 0, y: 0, w: 400, h: 300 };
        let p = place(&[(395, 5)], &[(100, 14)], &[], &[], bounds);
        assert_eq!(p[0].rect.outside(&bounds), 0);
        assert!(!p[0].leader);
    }

    #[test]
    fn labels_avoid_lines_when_they_can() {
        let bounds = Rect { x: 0, y: 0, w: 400, h: 300 };
        // A horizontal line through the anchor to the right: the label goes elsewhere.
        let line = sample_line(&[(200, 150), (400, 150)], 8);
        let p = place(&[(200, 150)], &[(60, 14)], &[], &line, bounds);
        assert!(line.iter().all(|r| r.overlap(&p[0].rect) == 0), "{p:?}");
    }

    #[test]
    fn overlap_areas() {
        let a = Rect { x: 0, y: 0, w: 10, h: 10 };
        assert_eq!(a.overlap(&Rect { x: 5, y: 5, w: 10, h: 10 }), 25);
        assert_eq!(a.overlap(&Rect { x: 10, y: 0, w: 10, h: 10 }), 0);
        assert_eq!(a.outside(&Rect { x: 5, y: 0, w: 10, h: 10 }), 50);
    }
}
