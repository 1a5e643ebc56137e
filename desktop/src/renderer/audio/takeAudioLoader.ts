import { TAKE_AUDIO_CHUNK_MAX_BYTES, type DesktopBridge, type TakeMediaProblem } from '@orak/core';

// A take's audio fetched over the bridge in chunks and assembled into a Blob: the renderer reads no files itself,
// and the blob: URL it plays from is allowed by the CSP's media-src.

export type LoadedTakeAudio = { status: 'ready'; blob: Blob } | TakeMediaProblem;

function bytesOf(base64: string): Uint8Array<ArrayBuffer> {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

export async function loadTakeAudio(
  bridge: DesktopBridge,
  takeId: string,
  onProgress: (fraction: number) => void = () => {},
  signal?: AbortSignal,
): Promise<LoadedTakeAudio> {
  const parts: Uint8Array<ArrayBuffer>[] = [];
  let offset = 0;
  let total = Infinity;
  let mimeType = 'audio/wav';
  while (offset < total) {
    signal?.throwIfAborted();
    const chunk = await bridge.invoke('takeMedia.audioChunk', {
      takeId,
      offset,
      length: TAKE_AUDIO_CHUNK_MAX_BYTES,
    });
    if (chunk.status !== 'ready') return chunk;
    const bytes = bytesOf(chunk.base64);
    total = chunk.totalBytes;
    mimeType = chunk.mimeType;
    // A file that shrank while it was being read ends here rather than looping forever.
    if (bytes.length === 0) break;
    parts.push(bytes);
    offset += bytes.length;
    onProgress(Math.min(1, offset / Math.max(1, total)));
  }
  return { status: 'ready', blob: new Blob(parts, { type: mimeType }) };
}
