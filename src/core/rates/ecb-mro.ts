/**
 * ECB main refinancing operations (MRO) rate, in basis points, with the date it took effect.
 * Source: ../shared/docs/domain-fr.md §3.1 (Banque de France policy-rates table, ECB key-rates
 * table, Banka Slovenije, ECB press releases). Only the rate in force on 1 January and 1 July
 * matters for L441-10 (Code de commerce).
 */
export const ECB_MRO: readonly (readonly [effective: string, basisPoints: number])[] = [
  ['2007-06-13', 400],
  ['2008-07-09', 425],
  ['2008-10-15', 375],
  ['2008-11-12', 325],
  ['2008-12-10', 250],
  ['2009-01-21', 200],
  ['2009-03-11', 150],
  ['2009-04-08', 125],
  ['2009-05-13', 100],
  ['2011-04-13', 125],
  ['2011-07-13', 150],
  ['2011-11-09', 125],
  ['2011-12-14', 100],
  ['2012-07-11', 75],
  ['2013-05-08', 50],
  ['2013-11-13', 25],
  ['2014-06-11', 15],
  ['2014-09-10', 5],
  ['2016-03-16', 0],
  ['2022-07-27', 50],
  ['2022-09-14', 125],
  ['2022-11-02', 200],
  ['2022-12-21', 250],
  ['2023-02-08', 300],
  ['2023-03-22', 350],
  ['2023-05-10', 375],
  ['2023-06-21', 400],
  ['2023-08-02', 425],
  ['2023-09-20', 450],
  ['2024-06-12', 425],
  ['2024-09-18', 365],
  ['2024-10-23', 340],
  ['2024-12-18', 315],
  ['2025-02-05', 290],
  ['2025-03-12', 265],
  ['2025-04-23', 240],
  ['2025-06-11', 215],
];

/** The last half-year start whose MRO is known (holds confirmed through 5 Feb 2026). */
export const MRO_KNOWN_THROUGH_HALF_YEAR = '2026-01-01';
