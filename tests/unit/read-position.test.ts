import { describe, expect, it } from 'vitest';
import { createSeenReporter, fromParam } from '@/app/threads/[id]/read-position';

/** A clock and timers the test moves by hand. */
function fakeTimers() {
  let now = 0;
  let next = 1;
  const pending = new Map<number, { at: number; fn: () => void }>();
  return {
    timers: {
      now: () => now,
      set: (fn: () => void, ms: number) => {
        const id = next++;
        pending.set(id, { at: now + ms, fn });
        return id;
      },
      clear: (id: unknown) => void pending.delete(id as number),
    },
    advance(ms: number) {
      now += ms;
      for (const [id, t] of [...pending].sort((a, b) => a[1].at - b[1].at)) {
        if (t.at <= now) {
          pending.delete(id);
          t.fn();
        }
      }
    },
    pending: () => pending.size,
  };
}

function setup(opts: { ok?: boolean } = {}) {
  const clock = fakeTimers();
  const sent: { seen: number; leaving: boolean }[] = [];
  const page = { visible: true };
  const reporter = createSeenReporter({
    send: (seen, leaving) => {
      sent.push({ seen, leaving });
      return Promise.resolve(opts.ok ?? true);
    },
    visible: () => page.visible,
    interval: 1000,
    timers: clock.timers,
  });
  return { clock, sent, page, reporter };
}

describe('the thread page’s read-position reports', () => {
  it('sends the first position at once, then at most one report a second with the furthest position', () => {
    const { clock, sent, reporter } = setup();
    reporter.see(3);
    expect(sent).toEqual([{ seen: 3, leaving: false }]);
    reporter.see(4);
    reporter.see(7);
    reporter.see(5);
    expect(sent).toHaveLength(1);
    clock.advance(999);
    expect(sent).toHaveLength(1);
    clock.advance(1);
    expect(sent).toEqual([
      { seen: 3, leaving: false },
      { seen: 7, leaving: false },
    ]);
  });

  it('sends only when the position grows', () => {
    const { clock, sent, reporter } = setup();
    reporter.see(5);
    clock.advance(5000);
    reporter.see(5);
    reporter.see(2);
    clock.advance(5000);
    expect(sent.map((s) => s.seen)).toEqual([5]);
    expect(clock.pending()).toBe(0);
  });

  it('ignores what is seen while the page is hidden, and holds a batched report until it is visible again', () => {
    const { clock, sent, page, reporter } = setup();
    page.visible = false;
    reporter.see(4);
    expect(sent).toEqual([]);
    page.visible = true;
    reporter.see(2);
    reporter.see(6);
    expect(sent.map((s) => s.seen)).toEqual([2]);
    page.visible = false;
    clock.advance(2000);
    expect(sent.map((s) => s.seen)).toEqual([2]);
    page.visible = true;
    reporter.resume();
    expect(sent.map((s) => s.seen)).toEqual([2, 6]);
  });

  it('flushes what is unsent at once when the page is hidden or left, marked as leaving', () => {
    const { clock, sent, page, reporter } = setup();
    reporter.see(2);
    reporter.see(9);
    page.visible = false;
    reporter.flush();
    expect(sent).toEqual([
      { seen: 2, leaving: false },
      { seen: 9, leaving: true },
    ]);
    reporter.flush();
    clock.advance(5000);
    expect(sent).toHaveLength(2);
  });

  it('offers a position again after a report that failed', async () => {
    const { sent, reporter } = setup({ ok: false });
    reporter.see(3);
    await Promise.resolve();
    await Promise.resolve();
    reporter.flush();
    expect(sent.map((s) => s.seen)).toEqual([3, 3]);
  });

  it('stops after dispose', () => {
    const { clock, sent, reporter } = setup();
    reporter.see(1);
    reporter.see(2);
    reporter.dispose();
    clock.advance(5000);
    reporter.see(8);
    reporter.flush();
    expect(sent.map((s) => s.seen)).toEqual([1]);
  });
});

describe('?from=N', () => {
  it('is a whole number from 1, else ignored', () => {
    expect(fromParam('?from=4')).toBe(4);
    expect(fromParam('?moved=1&from=12')).toBe(12);
    for (const bad of ['', '?from=', '?from=0', '?from=-2', '?from=1.5', '?from=x', '?from=04', '?from=1e3', '?from=99999999999']) expect(fromParam(bad), bad).toBeNull();
  });
});
