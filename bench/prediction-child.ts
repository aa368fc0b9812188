/**
 * `npm run bench`'s prediction row in a process of its own: the worker that computes the prediction
 * has its own heap holding one ledger, not the benchmark's hundreds of megabytes of earlier files.
 */
import { predictionRow } from './node.ts';

process.stdout.write(JSON.stringify(predictionRow(Number(process.argv[2] ?? 100_000))));
