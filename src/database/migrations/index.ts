import { Foundation1795476801909 } from './1795476801909-Foundation';

/** In order. Committed migrations are never edited. */
export const MIGRATIONS: Function[] = [Foundation1795476801909];
