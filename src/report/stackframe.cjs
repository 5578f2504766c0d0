// What error-stack-parser needs of the `stackframe` package: a constructor that keeps the
// fields it is given, line and column as numbers. The build resolves `stackframe` here
// (rollup.config.js): the package's getters, setters and validation cost ~2 KB minified,
// and the SDK reads the four fields directly (stack.ts). CommonJS, as error-stack-parser
// requires it: no interop wrapper is needed.
module.exports = function StackFrame(fields) {
  for (var key in fields) {
    var value = fields[key];
    if (value !== undefined) this[key] = key == 'lineNumber' || key == 'columnNumber' ? Number(value) : value;
  }
};
