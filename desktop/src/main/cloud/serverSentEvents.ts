// Reads a text/event-stream body into events (the WHATWG format: field lines, a blank line ends an event).

export interface ServerSentEvent {
  event: string;
  data: string;
  id: string | null;
}

export async function* readServerSentEvents(
  body: AsyncIterable<Uint8Array>,
): AsyncGenerator<ServerSentEvent> {
  const decoder = new TextDecoder();
  let buffer = '';
  let event = 'message';
  let data: string[] = [];
  let id: string | null = null;
  const takeLine = (line: string): ServerSentEvent | null => {
    if (line === '') {
      const done = data.length > 0 ? { event, data: data.join('\n'), id } : null;
      event = 'message';
      data = [];
      return done;
    }
    if (line.startsWith(':')) return null; // a comment, e.g. a keep-alive
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
    else if (field === 'id') id = value;
    return null;
  };
  for await (const chunk of body) {
    buffer += decoder.decode(chunk, { stream: true });
    let end: number;
    while ((end = buffer.search(/\r\n|\r|\n/)) !== -1) {
      const line = buffer.slice(0, end);
      // A lone \r at the very end may be the first half of \r\n: wait for the next chunk.
      if (buffer[end] === '\r' && end === buffer.length - 1) break;
      buffer = buffer.slice(end + (buffer.startsWith('\r\n', end) ? 2 : 1));
      const done = takeLine(line);
      if (done) yield done;
    }
  }
  // The stream ended right after a lone \r: that was a complete line end after all.
  if (buffer.endsWith('\r')) {
    const done = takeLine(buffer.slice(0, -1));
    if (done) yield done;
  }
}
