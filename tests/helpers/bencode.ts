/** Bencoding, as rtpengine's ng control protocol speaks it (strings decode to Buffers). */
export type Bencoded = string | number | Buffer | Bencoded[] | { [key: string]: Bencoded };

export function bencode(value: Bencoded): Buffer {
  if (typeof value === 'number') return Buffer.from(`i${Math.trunc(value)}e`);
  if (typeof value === 'string' || Buffer.isBuffer(value)) {
    const bytes = Buffer.isBuffer(value) ? value : Buffer.from(value);
    return Buffer.concat([Buffer.from(`${bytes.length}:`), bytes]);
  }
  if (Array.isArray(value)) return Buffer.concat([Buffer.from('l'), ...value.map(bencode), Buffer.from('e')]);
  const keys = Object.keys(value).sort();
  return Buffer.concat([
    Buffer.from('d'),
    ...keys.flatMap((k) => [bencode(k), bencode(value[k] as Bencoded)]),
    Buffer.from('e'),
  ]);
}

export function bdecode(buf: Buffer): Bencoded {
  let at = 0;
  const next = (): Bencoded => {
    const c = String.fromCharCode(buf[at] ?? 0);
    if (c === 'i') {
      const end = buf.indexOf(0x65, at);
      const n = Number(buf.subarray(at + 1, end).toString());
      at = end + 1;
      return n;
    }
    if (c === 'l' || c === 'd') {
      at++;
      const items: Bencoded[] = [];
      while (buf[at] !== 0x65) {
        if (at >= buf.length) throw new Error('bencode: truncated');
        items.push(next());
      }
      at++;
      if (c === 'l') return items;
      const dict: Record<string, Bencoded> = {};
      for (let i = 0; i < items.length; i += 2) dict[String(items[i])] = items[i + 1] as Bencoded;
      return dict;
    }
    const colon = buf.indexOf(0x3a, at);
    if (colon < 0) throw new Error('bencode: bad string');
    const len = Number(buf.subarray(at, colon).toString());
    at = colon + 1 + len;
    return buf.subarray(colon + 1, at);
  };
  return next();
}
