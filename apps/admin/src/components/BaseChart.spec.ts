import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import BaseChart from './BaseChart.vue';
import { loadChartEngine } from './chart-loader';

/** An IntersectionObserver the test moves by hand: `scrollIntoView()` tells every observer its box is visible. */
function fakeObserver() {
  const observers: { callback: IntersectionObserverCallback; targets: Element[]; disconnected: boolean }[] = [];
  class FakeIntersectionObserver {
    private readonly entry;
    constructor(callback: IntersectionObserverCallback) {
      this.entry = { callback, targets: [] as Element[], disconnected: false };
      observers.push(this.entry);
    }
    observe(target: Element) {
      this.entry.targets.push(target);
    }
    disconnect() {
      this.entry.disconnected = true;
    }
    unobserve() {
      // BaseChart never unobserves: it disconnects
    }
    takeRecords() {
      return [];
    }
  }
  vi.stubGlobal('IntersectionObserver', FakeIntersectionObserver);
  const tell = (isIntersecting: boolean) => {
    for (const o of observers.filter((x) => !x.disconnected)) {
      o.callback(o.targets.map((target) => ({ target, isIntersecting }) as IntersectionObserverEntry), {} as IntersectionObserver);
    }
  };
  return { observers, scrollIntoView: () => tell(true), stayAway: () => tell(false) };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('<BaseChart> draws lazily (issue 14: charts drawn as they scroll into view)', () => {
  it('loads and draws nothing until its box comes near the viewport, then stops watching', async () => {
    const io = fakeObserver();
    const w = mount(BaseChart, { props: { option: { series: [] }, height: '240px' }, global: { stubs: { VChart: true } } });
    await flushPromises();
    expect(w.attributes('data-drawn')).toBe('false');
    expect(w.attributes('style')).toContain('height: 240px');
    expect(io.observers).toHaveLength(1);
    expect(io.observers[0].targets).toEqual([w.element]);

    io.stayAway();
    await flushPromises();
    expect(w.attributes('data-drawn')).toBe('false');

    io.scrollIntoView();
    await flushPromises();
    expect(w.attributes('data-drawn')).toBe('true');
    expect(io.observers[0].disconnected).toBe(true);
    // the engine's chunk (ECharts) is still loading on a busy machine: let it finish before the environment goes
    await loadChartEngine();
    w.unmount();
  });
});
