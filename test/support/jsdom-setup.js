// jsdom has no layout, hence no ResizeObserver (recharts' ResponsiveContainer asks for one): an
// observer that never reports, so charts render at no size and the page around them is what is tested.
if (!globalThis.ResizeObserver) {
  globalThis.ResizeObserver = class ResizeObserver {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
}
