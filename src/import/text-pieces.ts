/**
 * A text file read a slice at a time (issue 19), for the fused readers (fast-csv.ts, fast-fec.ts):
 * decoded as decodeText decodes the whole file (the same encoding, BOM and guess), cleaned as
 * cleanText cleans it, and cut into pieces that end where a row ends, so that neither the file's
 * bytes nor its whole text are ever held. A row ends at the file's newline with an even number of
 * quotes before it: a well-quoted row holds an even number, and a newline inside a quoted field
 * follows an odd one. A piece therefore splits into the rows the whole text splits into (a badly
 * quoted row makes the fused readers give up either way).
 */
import { release } from '../core/typed-arrays.ts';
import { decodeAs, singleByteOf, utf16WithoutBom, type Decoded, type TextEncodingName } from './decode.ts';
import { GiveUp } from './csv-split.ts';
import { detectNewline } from './read-csv.ts';

/** A file's bytes, read a slice at a time (a File in the worker, a file descriptor in the CLI). */
export type ByteSource = {
  readonly size: number;
  /** The bytes at [offset, offset + length), fewer at the end of the file. */
  read(offset: number, length: number): Uint8Array;
  /**
   * Each read returns a buffer of its own (a File's slice, a read from a file descriptor): the reader
   * may let its memory go as soon as it is done with it (`release`), not at the next collection.
   */
  readonly freshReads?: boolean;
  /** The bytes a read should take at a time, when each read costs a call (a dropped file); PIECE_SIZE.block otherwise. */
  readonly block?: number;
};


/** Bytes already in memory as a source (no copy). */
export function bytesSource(bytes: Uint8Array): ByteSource {
  return { size: bytes.length, read: (offset, length) => bytes.subarray(offset, Math.min(bytes.length, offset + length)) };
}

/** The whole file. */
export const readAll = (source: ByteSource): Uint8Array => source.read(0, source.size);

/** Thrown when a text read as UTF-8 turns out not to be: it is read again in a single-byte code page. */
export class NotUtf8 extends Error {}
/** Thrown when no row ends in PieceSize.max bytes: the fused readers give up, the whole text is read. */
export class PieceTooLong extends GiveUp {}

/** The text a fused reader reads, a piece at a time (a whole text is one piece). */
export interface Pieces {
  next(): string | null;
  /** The piece `next` gave last ends the text. */
  readonly isLast: boolean;
  /** The text's length, or an estimate from what was read of it (for the room the rows need, and the progress). */
  readonly expectedLength: number;
  /** The text's newline when the pieces are cut from it (else each is its own text: detectNewline). */
  readonly newline?: string;
}

/** A whole text as its one piece. */
export function wholeText(text: string): Pieces {
  let given = false;
  return {
    next: () => (given ? null : ((given = true), text)),
    get isLast() {
      return given;
    },
    expectedLength: text.length,
  };
}

/**
 * Bytes read from the file at a time (`block`: a File's slices cost a call each) and decoded at a time
 * (`piece`: a piece's string stays under the engine's large-object size, so that it dies young and no
 * full collection is spent on it); newlines the first piece holds at least, or the whole text (the
 * header, the mapping's sample and the separator's are read from it: csv-split.ts PREFIX_ROWS); and
 * the bytes a piece may grow to when no row ends (a file with `\r` newlines, a quote never closed).
 */
export type PieceSize = { readonly block: number; readonly piece: number; readonly firstLines: number; readonly max: number };
export const PIECE_SIZE: PieceSize = { block: 1 << 20, piece: 32 << 10, firstLines: 1100, max: 16 << 20 };

type Encoding = Omit<Decoded, 'text'> & { readonly skip: number };

/**
 * The encoding decodeText would choose, from the first bytes, when they tell (a forced one, a BOM,
 * UTF-16 without one); null: UTF-8 if the whole file is (read strictly, NotUtf8 otherwise).
 */
function encodingOf(source: ByteSource, forced: TextEncodingName | undefined): Encoding | null {
  const head = source.read(0, 8192);
  const utf8Bom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
  if (forced) return { encoding: forced, hadBom: forced === 'utf-8' && utf8Bom, guessed: false, skip: forced === 'utf-8' && utf8Bom ? 3 : 0 };
  if (utf8Bom) return { encoding: 'utf-8', hadBom: true, guessed: false, skip: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', hadBom: true, guessed: false, skip: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', hadBom: true, guessed: false, skip: 2 };
  const utf16 = utf16WithoutBom(head);
  return utf16 ? { encoding: utf16, hadBom: false, guessed: true, skip: 0 } : null;
}

/**
 * The pieces of a text file, in order. `next()` gives the next piece (null after the last); `isLast`
 * says whether the piece it gave ends the text. From `next()`: NotUtf8 when a file taken for UTF-8 is
 * not (`TextPieces.singleByte` then reads it as decodeText would), PieceTooLong when no row ends in
 * many megabytes (a file with `\r` newlines, or a quoted field that never closes: the whole text is
 * read instead).
 */
export class TextPieces implements Pieces {
  readonly encoding: TextEncodingName;
  readonly hadBom: boolean;
  readonly guessed: boolean;
  /** The file's newline, as detectNewline finds it in the whole text (known once the first piece is read). */
  newline: '\r\n' | '\n' | '\r' = '\n';
  isLast = false;
  /** Bytes read from the source so far. */
  private offset: number;
  private readonly source: ByteSource;
  private readonly size: PieceSize;
  private readonly decoder: TextDecoder | null;
  /** UTF-16: a byte is no character, and the text is read as one piece. */
  private readonly whole: boolean;
  /** Bytes read, decoded up to `at`. */
  private bytes: Uint8Array = NO_BYTES;
  private at = 0;
  private started = false;
  private readonly skip: number;
  private readonly strictUtf8: boolean;
  /** The first piece, read by `peek` and not given yet. */
  private peeked: string | null | undefined;
  /** Characters decoded so far, and the bytes they came from. */
  private chars = 0;
  private decodedBytes = 0;
  /** The whole text, when it came in one piece: `again` gives it without reading the file again. */
  private only: string | null = null;

  private constructor(source: ByteSource, e: Encoding, strictUtf8: boolean, size: PieceSize) {
    this.source = source;
    this.encoding = e.encoding;
    this.hadBom = e.hadBom;
    this.guessed = e.guessed;
    this.offset = e.skip;
    this.skip = e.skip;
    this.strictUtf8 = strictUtf8;
    this.size = size;
    this.whole = e.encoding === 'utf-16le' || e.encoding === 'utf-16be';
    this.decoder = e.encoding === 'cp850' ? null : new TextDecoder(e.encoding, strictUtf8 ? { fatal: true } : {});
  }

  /** The pieces of `source`, decoded as decodeText(bytes, forced) would decode them. */
  static of(source: ByteSource, forced?: TextEncodingName, size = PIECE_SIZE): TextPieces {
    const known = encodingOf(source, forced);
    return known ? new TextPieces(source, known, false, size) : new TextPieces(source, { encoding: 'utf-8', hadBom: false, guessed: false, skip: 0 }, true, size);
  }

  /** The pieces of a file that is not UTF-8, in the code page decodeText would guess from its first 256 KiB. */
  static singleByte(source: ByteSource, size = PIECE_SIZE): TextPieces {
    return new TextPieces(source, { encoding: singleByteOf(source.read(0, 256 * 1024)), hadBom: false, guessed: true, skip: 0 }, false, size);
  }

  /** The encoding as decodeText reports it. */
  get decoded(): Omit<Decoded, 'text'> {
    return { encoding: this.encoding, hadBom: this.hadBom, guessed: this.guessed };
  }

  get expectedLength(): number {
    const all = this.source.size - this.skip;
    return this.isLast ? this.chars : Math.ceil((this.chars * all) / Math.max(1, this.decodedBytes));
  }

  /** The same pieces again, from the start. */
  again(): TextPieces {
    const pieces = new TextPieces(this.source, { ...this.decoded, skip: this.skip }, this.strictUtf8, this.size);
    if (this.only !== null) {
      // The one piece, given again as read (its bytes are let go already).
      pieces.started = true;
      pieces.isLast = true;
      pieces.peeked = this.only;
      pieces.newline = this.newline;
      pieces.chars = this.chars;
      pieces.decodedBytes = this.decodedBytes;
      pieces.only = this.only;
    }
    return pieces;
  }

  /** The next piece without taking it (`next` gives it then). */
  peek(): string | null {
    if (this.peeked === undefined) this.peeked = this.read();
    return this.peeked;
  }

  next(): string | null {
    const peeked = this.peeked;
    if (peeked === undefined) return this.read();
    this.peeked = undefined;
    return peeked;
  }

  /**
   * The bytes are cut, then decoded: a piece is a string of its own (no view of a larger one), and the
   * cut falls between characters (a newline and a quote are one byte in UTF-8 and the code pages, and
   * no byte of a longer UTF-8 character is below 0x80).
   */
  private read(): string | null {
    if (this.isLast) return null;
    const first = !this.started;
    this.started = true;
    for (;;) {
      const b = this.bytes;
      const atEnd = this.offset >= this.source.size;
      // An empty file, and UTF-16 (read whole): one piece.
      if (first && atEnd && (b.length === 0 || this.whole)) return this.onePiece();
      if (first) {
        // The first piece holds the rows the header and the mapping are read from: up to the
        // firstLines-th '\n' (more bytes until there is one).
        let end = -1;
        for (let i = b.indexOf(10), n = 1; i >= 0; i = b.indexOf(10, i + 1), n++) {
          if (n === this.size.firstLines) {
            end = i + 1;
            break;
          }
        }
        if (end > 0) {
          // The newline as detectNewline tells it from the first '\n' (the NULs cleanText drops skipped).
          let j = b.indexOf(10) - 1;
          while (j >= 0 && b[j] === 0) j--;
          this.newline = j >= 0 && b[j] === 13 ? '\r\n' : '\n';
          const cut = cutOf(b, 0, end, this.newline === '\r\n');
          if (cut > 0) return this.take(cut);
        }
        // A file of fewer lines (or whose first ones do not end in its first block) is one piece.
        if (atEnd) return this.onePiece();
      } else {
        // A piece of about `piece` bytes, else the longest run of whole rows in hand.
        const crlf = this.newline === '\r\n';
        const window = Math.min(b.length, this.at + this.size.piece);
        const cut = cutOf(b, this.at, window, crlf) || (window < b.length ? cutOf(b, this.at, b.length, crlf) : 0);
        if (cut > 0) return this.take(cut);
        if (atEnd) return this.last();
      }
      const left = b.length - this.at;
      if (left > this.size.max) throw new PieceTooLong();
      // The bytes not decoded yet are read again with the next block (no copy of the block to join them).
      const from = this.offset - left;
      const more = this.source.read(from, this.whole ? this.source.size - from : left + this.size.block);
      this.offset = from + more.length;
      this.letGo();
      this.bytes = more;
      this.at = 0;
    }
  }

  /** The whole text as one piece (`again` gives it again without reading the file). */
  private onePiece(): string {
    const text = this.last();
    this.newline = detectNewline(text);
    this.only = text;
    return text;
  }

  /** The bytes left, decoded: the last piece. */
  private last(): string {
    this.isLast = true;
    const text = this.decode(this.bytes.subarray(this.at), false);
    this.letGo();
    this.bytes = NO_BYTES;
    this.at = 0;
    return text;
  }

  /** The bytes in hand are done with: a fresh read's memory goes now (a file's worth would wait for a collection). */
  private letGo(): void {
    if (this.source.freshReads === true && this.bytes !== NO_BYTES) release(this.bytes);
  }

  /** The bytes up to `cut`, decoded. */
  private take(cut: number): string {
    const text = this.decode(this.bytes.subarray(this.at, cut), true);
    this.at = cut;
    return text;
  }

  private decode(bytes: Uint8Array, stream: boolean): string {
    let raw: string;
    if (this.decoder === null) raw = decodeAs(bytes, 'cp850');
    else {
      try {
        raw = this.decoder.decode(bytes, { stream });
      } catch {
        throw new NotUtf8();
      }
    }
    this.chars += raw.length;
    this.decodedBytes += bytes.length;
    return clean(raw);
  }
}

const NO_BYTES = new Uint8Array(0);

/** cleanText's rules on a block. */
function clean(text: string): string {
  let t = text.includes('\r\r\n') ? text.replace(/\r\r\n/g, '\r\n') : text;
  if (t.includes('\0')) t = t.replace(/\0/g, '');
  return t;
}

/** The index of the last '\n' at or before `from` (of a `\r\n` when `crlf`), or -1. */
function lastNewline(b: Uint8Array, from: number, crlf: boolean): number {
  for (let i = from < 0 ? -1 : b.lastIndexOf(10, from); i >= 0; i = i === 0 ? -1 : b.lastIndexOf(10, i - 1)) {
    if (!crlf || (i > 0 && b[i - 1] === 13)) return i;
  }
  return -1;
}

/** The quotes (`"`) in [from, to) of `b` (searched in that range only: a file without quotes is not read to its end each time). */
function quotesIn(b: Uint8Array, from: number, to: number): number {
  const range = b.subarray(from, to);
  let n = 0;
  for (let i = range.indexOf(34); i >= 0; i = range.indexOf(34, i + 1)) n++;
  return n;
}

/** Where the last row of `b` in [from, to) ends (after its newline: an even number of quotes from `from`), or 0 when none does. */
function cutOf(b: Uint8Array, from: number, to: number, crlf: boolean): number {
  let end = lastNewline(b, to - 1, crlf);
  if (end < from) return 0;
  let quotes = quotesIn(b, from, end);
  while ((quotes & 1) === 1) {
    // Inside a quoted field: the newline before.
    const before = lastNewline(b, end - 1, crlf);
    if (before < from) return 0;
    quotes -= quotesIn(b, before, end);
    end = before;
  }
  return end + 1;
}
