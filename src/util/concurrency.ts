/** Runs at most `n` of the tasks given to it at once; the rest wait their turn. */
export function limiter(n: number): <T>(task: () => Promise<T>) => Promise<T> {
  const most = Math.max(1, n);
  let active = 0;
  const queue: Array<() => void> = [];
  const next = (): void => {
    active--;
    queue.shift()?.();
  };
  return (task) =>
    new Promise((resolve, reject) => {
      const start = (): void => {
        active++;
        task().then(resolve, reject).finally(next);
      };
      if (active < most) start();
      else queue.push(start);
    });
}

/** Maps items through `fn` with at most `n` calls in flight, keeping the order. */
export function mapLimited<T, R>(items: T[], n: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const limit = limiter(n);
  return Promise.all(items.map((item) => limit(() => fn(item))));
}
