// Draws the toolbar icons (a shield per state) as PNGs into public/icons. Run once when the
// design changes: `node scripts/make-icons.mjs`. No image library: a tiny PNG encoder on zlib.
import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const STATES = { off: [138, 143, 152], on: [26, 155, 90], error: [217, 54, 54], busy: [214, 150, 20] };
const SIZES = [16, 32, 48, 128];

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}
function png(size, pixel) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) raw.set(pixel(x, y), y * (size * 4 + 1) + 1 + x * 4);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
// Shield: flat top, sides that curve to a point; a white keyhole dot in the middle.
function inShield(u, v) {
  if (v < 0.08 || v > 0.95) return false;
  const half = v < 0.5 ? 0.4 : 0.4 * Math.sqrt(Math.max(0, 1 - ((v - 0.5) / 0.45) ** 2));
  return Math.abs(u - 0.5) <= half;
}
mkdirSync('public/icons', { recursive: true });
for (const [name, rgb] of Object.entries(STATES)) {
  for (const size of SIZES) {
    const ss = 4; // supersampling for smooth edges
    const data = png(size, (x, y) => {
      let shield = 0,
        dot = 0;
      for (let i = 0; i < ss; i++)
        for (let j = 0; j < ss; j++) {
          const u = (x + (i + 0.5) / ss) / size,
            v = (y + (j + 0.5) / ss) / size;
          if (inShield(u, v)) {
            shield++;
            if ((u - 0.5) ** 2 + (v - 0.45) ** 2 < 0.12 ** 2) dot++;
          }
        }
      const a = shield / (ss * ss),
        w = dot / Math.max(1, shield);
      return [0, 1, 2].map((k) => Math.round(rgb[k] * (1 - w) + 255 * w)).concat(Math.round(a * 255));
    });
    writeFileSync(`public/icons/${name}-${size}.png`, data);
  }
}
console.log('icons written to public/icons');
