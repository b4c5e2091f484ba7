/**
 * Leading + trailing throttle: the first call runs at once, later calls within `ms` collapse into
 * one run at the end of the window, so the last change is never lost.
 */
export interface Throttled {
  (): void;
  cancel: () => void;
}

export function throttle(fn: () => void, ms: number, now: () => number = Date.now): Throttled {
  let last = Number.NEGATIVE_INFINITY;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const run = () => {
    timer = null;
    last = now();
    fn();
  };
  const throttled = () => {
    if (timer !== null) return;
    const wait = last + ms - now();
    if (wait <= 0) run();
    else timer = setTimeout(run, wait);
  };
  throttled.cancel = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };
  return throttled;
}
