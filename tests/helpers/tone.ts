import { writeFileSync } from 'node:fs';

/**
 * Writes a sine tone as 16-bit PCM mono WAV (48 kHz by default: Chromium's fake microphone plays it
 * in a loop; 8 kHz for baresip's G.711 phone).
 */
export function writeToneWav(
  path: string,
  hz: number,
  seconds: number,
  amplitude = 0.5,
  rate = 48_000,
): void {
  const samples = Math.round(rate * seconds);
  const buf = Buffer.alloc(44 + samples * 2);
  buf.write('RIFF', 0);
  buf.writeUInt32LE(36 + samples * 2, 4);
  buf.write('WAVEfmt ', 8);
  buf.writeUInt32LE(16, 16);
  buf.writeUInt16LE(1, 20); // PCM
  buf.writeUInt16LE(1, 22); // mono
  buf.writeUInt32LE(rate, 24);
  buf.writeUInt32LE(rate * 2, 28);
  buf.writeUInt16LE(2, 32);
  buf.writeUInt16LE(16, 34);
  buf.write('data', 36);
  buf.writeUInt32LE(samples * 2, 40);
  for (let i = 0; i < samples; i++) {
    buf.writeInt16LE(Math.round(Math.sin((2 * Math.PI * hz * i) / rate) * amplitude * 32767), 44 + i * 2);
  }
  writeFileSync(path, buf);
}
