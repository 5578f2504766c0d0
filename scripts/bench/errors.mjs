// The 100 distinct errors: the source of a page script with 100 named functions, each recursing
// to its own depth and then throwing its own error type and message. Each is thrown and caught,
// so every error has a real stack (the page's URL, distinct function names, lines and depths).
// Stacks are not read in advance: V8 formats `error.stack` when first read, which is part of the
// work a capture really costs.
export const ERROR_COUNT = 100;

export function errorsScript(count = ERROR_COUNT) {
  const types = ['Error', 'TypeError', 'RangeError', 'SyntaxError'];
  const fns = [];
  for (let i = 0; i < count; i++) {
    const type = types[i % types.length];
    fns.push(
      `function benchFailure${i}(d) {\n` +
        `  if (d > 0) return benchFailure${i}(d - 1);\n` +
        `  throw new ${type}('Bench failure ${i}: cannot read property "field${i}" of order #' + (1000 + ${i * 7}));\n` +
        `}`,
    );
  }
  return `${fns.join('\n')}
window.__bench = {
  errors: [],
  make: function () {
    var fns = [${Array.from({ length: count }, (_, i) => `benchFailure${i}`).join(', ')}];
    this.errors = [];
    for (var i = 0; i < fns.length; i++) {
      try { fns[i](i % 9); } catch (e) { this.errors.push(e); }
    }
    return this.errors.length;
  },
  captureAll: function () {
    var t0 = performance.now();
    for (var i = 0; i < this.errors.length; i++) BenchSDK.capture(this.errors[i]);
    return performance.now() - t0;
  },
  noopAll: function () {
    var t0 = performance.now(), sink = 0;
    for (var i = 0; i < this.errors.length; i++) sink += this.errors[i] ? 1 : 0;
    window.__benchNoop = sink;
    return performance.now() - t0;
  },
};`;
}
