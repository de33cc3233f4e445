/** Small deterministic PRNG (mulberry32): the same seed gives the same tenant. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `n` hexadecimal digits drawn from `random` (a plain loop: each demo tenant draws some 130,000). */
export function randomHex(random: () => number, n: number): string {
  let digits = '';
  for (let i = 0; i < n; i++) digits += '0123456789abcdef'[Math.floor(random() * 16)];
  return digits;
}
