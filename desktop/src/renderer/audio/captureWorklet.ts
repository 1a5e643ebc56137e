import { CAPTURE_PROCESSOR, type CaptureMessage } from './captureProcessorName';

// AudioWorklet entry: copies the input, untouched, into blocks and posts them to the page in order.

interface AudioWorkletScope {
  AudioWorkletProcessor: new () => { readonly port: MessagePort };
  registerProcessor(name: string, processor: new () => object): void;
}

const scope = globalThis as unknown as AudioWorkletScope;

/** ~46 ms at 44.1 kHz: often enough for a live meter, few enough messages to cost nothing. */
const BLOCK_FRAMES = 2048;

class CaptureProcessor extends scope.AudioWorkletProcessor {
  private block = new Float32Array(BLOCK_FRAMES);
  private filled = 0;

  constructor() {
    super();
    this.port.onmessage = (event: MessageEvent<string>) => {
      if (event.data !== 'flush') return;
      this.post(this.filled);
      this.port.postMessage({ type: 'flushed' } satisfies CaptureMessage);
    };
  }

  process(inputs: Float32Array[][]): boolean {
    const channel = inputs[0]?.[0];
    if (!channel) return true;
    let offset = 0;
    while (offset < channel.length) {
      const take = Math.min(channel.length - offset, BLOCK_FRAMES - this.filled);
      this.block.set(channel.subarray(offset, offset + take), this.filled);
      this.filled += take;
      offset += take;
      if (this.filled === BLOCK_FRAMES) this.post(BLOCK_FRAMES);
    }
    return true;
  }

  private post(frames: number): void {
    if (frames === 0) return;
    const samples = this.block.slice(0, frames);
    this.port.postMessage({ type: 'chunk', samples } satisfies CaptureMessage, [samples.buffer]);
    this.filled = 0;
  }
}

scope.registerProcessor(CAPTURE_PROCESSOR, CaptureProcessor);
