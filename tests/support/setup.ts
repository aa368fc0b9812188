/**
 * Unit tests read workbooks through importFile directly: SheetJS, which the worker and the CLI load on
 * demand (src/import/sheetjs.ts), is loaded once here.
 */
import { loadSheetJs } from '../../src/import/sheetjs.ts';

await loadSheetJs();
