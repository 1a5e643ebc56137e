import { describe, expect, it } from 'vitest';
import { readServerSentEvents, type ServerSentEvent } from '../src/main/cloud/serverSentEvents';

// The event-stream reader on streams cut at every awkward place a network can cut them.

async function collect(chunks: string[]): Promise<ServerSentEvent[]> {
  const encoder = new TextEncoder();
  async function* body() {
    for (const chunk of chunks) yield encoder.encode(chunk);
  }
  const events: ServerSentEvent[] = [];
  for await (const event of readServerSentEvents(body())) events.push(event);
  return events;
}

const STREAM = 'event: state\nid: 1\ndata: {"a":1}\n\n: keep-alive\n\nevent: state\nid: 2\ndata: {"a":2}\n\n';

describe('readServerSentEvents', () => {
  it('reads named events with their ids and skips comments', async () => {
    expect(await collect([STREAM])).toEqual([
      { event: 'state', data: '{"a":1}', id: '1' },
      { event: 'state', data: '{"a":2}', id: '2' },
    ]);
  });

  it('gives the same events whatever the chunking, byte by byte included', async () => {
    const whole = await collect([STREAM]);
    expect(await collect(STREAM.split(''))).toEqual(whole);
    expect(await collect([STREAM.slice(0, 17), STREAM.slice(17, 40), STREAM.slice(40)])).toEqual(whole);
  });

  it('accepts CRLF and CR line ends, even with CRLF split across chunks', async () => {
    const crlf = STREAM.replace(/\n/g, '\r\n');
    const whole = await collect([STREAM]);
    expect(await collect([crlf])).toEqual(whole);
    expect(await collect(crlf.split(''))).toEqual(whole);
    expect(await collect([STREAM.replace(/\n/g, '\r')])).toEqual(whole);
  });

  it('joins multi-line data, defaults the name to message, and drops an unfinished event', async () => {
    expect(await collect(['data: one\ndata: two\n\ndata: never ended'])).toEqual([
      { event: 'message', data: 'one\ntwo', id: null },
    ]);
  });

  it('decodes UTF-8 split in the middle of a character', async () => {
    const bytes = new TextEncoder().encode('data: 오락가락\n\n');
    async function* body() {
      for (const byte of bytes) yield new Uint8Array([byte]);
    }
    const events: ServerSentEvent[] = [];
    for await (const event of readServerSentEvents(body())) events.push(event);
    expect(events).toEqual([{ event: 'message', data: '오락가락', id: null }]);
  });
});
