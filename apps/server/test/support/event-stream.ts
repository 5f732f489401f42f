/** One server-sent event as a browser's EventSource sees it (comments are kept apart, for heartbeat checks). */
export interface StreamEvent {
  id: string | null;
  data: string;
}

/**
 * A small text/event-stream parser over fetch: yields each event as its blank line arrives (so a test sees progress
 * live), and ends when the server ends the stream or the signal aborts.
 */
export async function* readEventStream(response: Response, comments: string[] = []): AsyncGenerator<StreamEvent> {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        let id: string | null = null;
        const data: string[] = [];
        for (const line of block.split('\n')) {
          if (line.startsWith(':')) comments.push(line.slice(1).trim());
          else if (line.startsWith('id:')) id = line.slice(3).trimStart();
          else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
        }
        if (data.length) yield { id, data: data.join('\n') };
      }
    }
  } catch (error) {
    if ((error as Error).name !== 'AbortError') throw error;
  } finally {
    reader.releaseLock();
  }
}

/** `<run id>:<sequence>` of an event. */
export const positionOf = (event: StreamEvent) => {
  const [runId, sequence] = (event.id ?? '').split(':');
  return { runId: runId!, sequence: Number(sequence) };
};
