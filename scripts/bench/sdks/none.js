// The control page: the same page and the same harness with no SDK, so the CDP figures of a
// page load can be taken net of what any page costs.
window.BenchSDK = {
  init() {},
  capture() {},
};
