/**
 * The one rule every translation bundle keeps, wherever it lives: the English
 * bundle has exactly the keys of the Vietnamese one, each a string (checked by
 * the compiler). Features type their own bundles with it; this file imports
 * nothing, so a feature's bundle never depends on the app-wide strings.
 */
export type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };
