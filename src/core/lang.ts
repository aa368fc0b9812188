/** The two languages of the interface, the documents and the CLI: one type for all of them. */
export type Lang = 'fr' | 'en';
