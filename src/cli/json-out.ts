/**
 * `JSON.stringify(value, null, 2)` written a part at a time: the CLI's JSON (tens of megabytes for a
 * ledger of half a million rows) is never one string, nor one buffer. The members of objects and
 * arrays are written one by one down to `depth`; below it each member is stringified whole (a
 * newline in JSON text is always indentation: a string's own newlines are escaped).
 */
import { writeSync } from 'node:fs';
import { JsonList } from '../app/numbers-json.ts';

export function writeJson(value: unknown, write: (s: string) => void, depth = 3, indent = ''): void {
  // A list made as it is written (JsonList): an array whose members are read one at a time. Other
  // iterables (a Map, a typed array) are left to JSON.stringify, as it writes them.
  const isList = Array.isArray(value) || value instanceof JsonList;
  const isPlain = value !== null && typeof value === 'object' && (isList || typeof (value as { toJSON?: unknown }).toJSON !== 'function');
  if (depth <= 0 || !isPlain) {
    const text = JSON.stringify(value, null, 2) ?? 'null';
    write(indent === '' ? text : text.replaceAll('\n', `\n${indent}`));
    return;
  }
  const inner = `${indent}  `;
  const skipped = (v: unknown) => v === undefined || typeof v === 'function' || typeof v === 'symbol';
  if (isList) {
    let i = 0;
    for (const v of value as Iterable<unknown>) {
      write(`${i === 0 ? '[' : ','}\n${inner}`);
      writeJson(skipped(v) ? null : v, write, depth - 1, inner);
      i++;
    }
    return write(i === 0 ? '[]' : `\n${indent}]`);
  }
  const members = Object.entries(value as Record<string, unknown>).filter(([, v]) => !skipped(v));
  if (members.length === 0) return write('{}');
  write('{');
  members.forEach(([k, v], i) => {
    write(`${i === 0 ? '' : ','}\n${inner}${JSON.stringify(k)}: `);
    writeJson(v, write, depth - 1, inner);
  });
  write(`\n${indent}}`);
}

/** A writer that gathers small parts and hands them on by the `size` (the CLI's stdout: few writes, no big string). */
export function buffered(sink: (s: string) => void, size = 1 << 16): { write: (s: string) => void; flush: () => void } {
  let parts: string[] = [];
  let length = 0;
  const flush = () => {
    if (length > 0) sink(parts.join(''));
    parts = [];
    length = 0;
  };
  return {
    write(s) {
      parts.push(s);
      length += s.length;
      if (length >= size) flush();
    },
    flush,
  };
}

/**
 * A sink that writes to the file descriptor `fd` in full before it returns. Node's process.stdout
 * queues what a pipe cannot take yet in the process's memory: `relance analyze --json | jq` on a
 * million rows held the whole JSON (a hundred megabytes) there. Here a full pipe is waited for (a
 * millisecond at a time), so that no more than one part is ever held; a reader gone (`| head`) ends
 * the writing quietly, as a shell's own tools do.
 */
export function fdSink(fd: number): (s: string) => void {
  let closed = false;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  return (s) => {
    if (closed) return;
    const bytes = Buffer.from(s, 'utf8');
    for (let at = 0; at < bytes.length; ) {
      try {
        at += writeSync(fd, bytes, at, bytes.length - at);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EAGAIN') Atomics.wait(pause, 0, 0, 1);
        else if (code === 'EPIPE') {
          closed = true;
          return;
        } else throw e;
      }
    }
  };
}
