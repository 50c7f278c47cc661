//! splitmix64, the generator's only source of randomness.

#[derive(Clone)]
pub(crate) struct Rng(pub(crate) u64);

impl Rng {
    pub(crate) fn new(seed: u64) -> Rng {
        let mut r = Rng(seed ^ 0x9E37_79B9_7F4A_7C15);
        r.next();
        r
    }
    /// Independent stream for one record.
    pub(crate) fn for_record(seed: u64, kind: u64, index: u64) -> Rng {
        Rng::new(
            seed.wrapping_mul(0xD1B5_4A32_D192_ED03)
                ^ kind.wrapping_mul(0xABC9_8388_FB8F_AC03)
                ^ index.wrapping_mul(0x8CB9_2BA7_2F3D_8DD7),
        )
    }
    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in 0..n (n > 0).
    pub(crate) fn below(&mut self, n: u64) -> u64 {
        ((self.next() as u128 * n as u128) >> 64) as u64
    }
    /// Uniform in lo..=hi.
    pub(crate) fn range(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            return lo;
        }
        lo + self.below((hi - lo + 1) as u64) as i64
    }
    pub(crate) fn pct(&mut self, p: u64) -> bool {
        self.below(100) < p
    }
    pub(crate) fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len() as u64) as usize]
    }
    pub(crate) fn idx(&mut self, n: usize) -> usize {
        self.below(n as u64) as usize
    }
    /// k distinct elements of xs, in list order.
    pub(crate) fn subset<'a>(&mut self, xs: &[&'a str], k: usize) -> Vec<&'a str> {
        let mut chosen = vec![false; xs.len()];
        let k = k.min(xs.len());
        let mut n = 0;
        while n < k {
            let i = self.idx(xs.len());
            if !chosen[i] {
                chosen[i] = true;
                n += 1;
            }
        }
        xs.iter().zip(chosen.iter()).filter(|p| *p.1).map(|p| *p.0).collect()
    }
}
