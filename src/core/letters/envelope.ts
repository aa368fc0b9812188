/**
 * Where a letter puts the recipient's address, for the window envelopes it goes in (ux.md §2.2):
 * - a right-hand window (France, DL and C5/6): the edics box, x 110, y 55, 85 × 33 mm, which sits
 *   inside the common 45 × 100 mm window with room to spare; the sender top left; the sheet folded in
 *   three equal panels (99 and 198 mm);
 * - a left-hand window (DIN 5008 form B, common on European envelopes): x 20, y 45, 85 × 45 mm; the
 *   sender then goes top right, out of the window; DIN's fold marks at 105 and 210 mm.
 * Envelopes differ: the user prints a test sheet, folds it, and moves the address by a few millimetres
 * if it does not show whole in the window (`shiftXmm`, `shiftYmm`).
 */

export type EnvelopeWindow = 'right' | 'left';

export type Envelope = {
  readonly window: EnvelopeWindow;
  /** The address moved right (positive) or left, in mm, after a test print. */
  readonly shiftXmm: number;
  /** The address moved down (positive) or up, in mm. */
  readonly shiftYmm: number;
  /** Short fold marks in the left margin of every letter's first page. */
  readonly foldMarks: boolean;
};

export const DEFAULT_ENVELOPE: Envelope = { window: 'right', shiftXmm: 0, shiftYmm: 0, foldMarks: false };

/** The furthest the address may be moved either way: beyond it, the block would leave the printable page or meet the sender. */
export const MAX_SHIFT_MM = 10;

/** A rectangle on the A4 page, in mm from its top left corner. */
export type Box = { readonly x: number; readonly y: number; readonly w: number; readonly h: number };

export type LetterLayout = {
  readonly window: EnvelopeWindow;
  /** Where the recipient's block prints (the window's box, moved by the user's shift). */
  readonly address: Box;
  /** Where the sender's block starts: top left, or top right beside a left-hand window. */
  readonly sender: { readonly x: number; readonly y: number; readonly w: number };
  /** The fold lines, in mm from the top (the test sheet draws them always, a letter when asked). */
  readonly folds: readonly number[];
  readonly foldMarks: boolean;
};

const WINDOWS: Readonly<Record<EnvelopeWindow, { box: Box; folds: readonly number[] }>> = {
  right: { box: { x: 110, y: 55, w: 85, h: 33 }, folds: [99, 198] },
  left: { box: { x: 20, y: 45, w: 85, h: 45 }, folds: [105, 210] },
};

/** A shift as the profile may hold it: a finite number of mm within ±MAX_SHIFT_MM, to the half millimetre. */
export function isValidShift(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= MAX_SHIFT_MM && Number.isInteger(v * 2);
}

/** The page layout of a sender's letters (the default envelope when the profile says none). */
export function letterLayout(envelope: Envelope | undefined): LetterLayout {
  const e = envelope ?? DEFAULT_ENVELOPE;
  const { box, folds } = WINDOWS[e.window];
  return {
    window: e.window,
    address: { x: box.x + e.shiftXmm, y: box.y + e.shiftYmm, w: box.w, h: box.h },
    sender: e.window === 'right' ? { x: 20, y: 20, w: 80 } : { x: 115, y: 20, w: 75 },
    folds,
    foldMarks: e.foldMarks,
  };
}
