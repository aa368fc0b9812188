/**
 * Unit tests read workbooks through importFile directly: SheetJS and fflate, which the worker and the
 * CLI load on demand (src/import/sheetjs.ts), are loaded once here.
 */
import { loadWorkbookReaders } from '../../src/import/sheetjs.ts';

await loadWorkbookReaders();
