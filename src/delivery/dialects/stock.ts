// The stock dialect (docs/PROTOCOL.md §1): one request per item, to /report/error or /report/event,
// authenticated with four headers. The custom headers make every cross-origin request
// preflighted and rule out sendBeacon, so page exit uses keepalive fetch. The body is the
// item itself with the SDK's name and version (`sdk`, which a stock server ignores): no envelope,
// no drop counts.
import { withMember, type Dialect } from '../dialect';
import { authenticate } from '../sign';
import { SDK_MEMBER } from '../../tools/sdk';

export const stock: Dialect = {
  _perRequest: 1,
  _envelope: SDK_MEMBER.length + 1,
  _perItem: 0,
  _drops: false,
  _beacon: false,
  _build(to, [entry], _sentAt, signAt) {
    const auth = authenticate(to.appId, to.appSecret, signAt);
    return {
      url: `${to.host}/report/${entry._kind}`,
      body: withMember(SDK_MEMBER, entry._body),
      headers: {
        'Content-Type': 'application/json',
        'X-App-Id': auth.appId,
        'X-Timestamp': auth.timestamp,
        'X-Nonce': auth.nonce,
        'X-Signature': auth.signature,
      },
    };
  },
};
