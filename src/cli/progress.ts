/**
 * The progress line of a build on a terminal, shown only once the build has taken a second:
 * a quick build leaves no flicker. Until then the latest stage waits; a timer shows it at the
 * one-second mark when the event loop is free (layout itself is synchronous, so a stage that
 * starts before the mark and blocks is shown by the next stage after it). An empty text clears
 * the line, and only when something was shown.
 */
export interface Clock {
  now: () => number;
  setTimer: (run: () => void, ms: number) => { cancel: () => void };
}

const REAL_CLOCK: Clock = {
  now: () => performance.now(),
  setTimer: (run, ms) => {
    const timer = setTimeout(run, ms);
    timer.unref();
    return { cancel: () => clearTimeout(timer) };
  },
};

export function delayedStatus(status: (text: string) => void, delayMs = 1000, clock: Clock = REAL_CLOCK): (text: string) => void {
  const start = clock.now();
  let pending: string | undefined;
  let timer: { cancel: () => void } | undefined;
  let shown = false;
  const show = (text: string): void => {
    shown = true;
    status(text);
  };
  return (text) => {
    if (text === '') {
      timer?.cancel();
      pending = undefined;
      if (shown) status('');
      return;
    }
    if (clock.now() - start >= delayMs) {
      show(text);
      return;
    }
    pending = text;
    timer ??= clock.setTimer(() => {
      if (pending !== undefined) show(pending);
    }, delayMs - (clock.now() - start));
  };
}
