// Tracely with the batch dialect (`dialect: 'batch'`): the same bundle and defaults as
// tracely.js, but many reports to a request, as every peer here sends them. The stock dialect
// must send one request per report (the deployed servers have no batch endpoint); this row
// shows the SDK's own capture cost apart from that protocol cost.
window.BenchSDK = {
  init(sink) {
    this.t = new Tracely({ appId: 'bench', appSecret: 'bench-secret', host: sink, dialect: 'batch' }).init();
  },
  capture(error) {
    this.t.reportError(error);
  },
};
