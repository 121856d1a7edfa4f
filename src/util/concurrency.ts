import { Limiter } from './limiter.js';

/** Maps items through `fn` with at most `n` calls in flight, keeping the order. */
export function mapLimited<T, R>(items: T[], n: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const limiter = new Limiter(Math.max(1, n));
  return Promise.all(items.map((item) => limiter.run(() => fn(item))));
}
