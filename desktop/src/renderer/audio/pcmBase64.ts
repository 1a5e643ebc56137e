// Float samples as base64 text: bridge envelopes cross as JSON, so binary audio travels encoded.

/** btoa() takes a binary string; building it in slices keeps the argument list of fromCharCode short. */
const SLICE = 0x8000;

export function float32ToBase64(samples: Float32Array): string {
  const bytes = new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength);
  let binary = '';
  for (let i = 0; i < bytes.length; i += SLICE)
    binary += String.fromCharCode(...bytes.subarray(i, Math.min(bytes.length, i + SLICE)));
  return btoa(binary);
}
