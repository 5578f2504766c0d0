// An app written against the packed package, type-checked as this folder's package.json says
// (CommonJS or ESM, module node16): every entry and its types must resolve.
import { Tracely, Client, breadcrumbs, dwell, batchDialect, otlpDialect, captureError, SDK_VERSION, type TracelyOptions, type UnsignedClientOptions } from '@tracely/browser';
import { connectTcf } from '@tracely/browser/consent/tcf';

const options: TracelyOptions = { appId: 'a', appSecret: 's', host: 'https://t.example.com', dialect: 'batch' };
export const tracely = new Tracely(options).init();
export const composed = new Client({ appId: 'a', appSecret: 's', host: 'https://t.example.com', dialect: batchDialect() }, [breadcrumbs(), dwell()]);
// OTLP signs nothing: no appSecret. The dialects that sign still need it.
const otel: UnsignedClientOptions = { appId: 'a', host: 'https://otel.example.com', dialect: otlpDialect({ headers: { Authorization: 'Bearer k' } }) };
export const otlp = [new Client(otel), new Client({ appId: 'a', host: 'https://otel.example.com', dialect: otlpDialect() })];
// @ts-expect-error: the batch dialect signs every request with the secret
export const missingSecret = new Client({ appId: 'a', host: 'https://t.example.com', dialect: batchDialect() });
export const stopTcf = connectTcf(tracely);
captureError(options, new Error('typed'));
// React: the entry of its own, and reportError's object form.
import { ErrorBoundary, reactErrorHandlers, type ErrorBoundaryProps } from '@tracely/browser/react';
export const rootOptions = reactErrorHandlers(tracely);
export const boundaryProps: ErrorBoundaryProps = { client: tracely, fallback: ({ reset }) => String(reset) };
export const Boundary = ErrorBoundary;
tracely.reportError(new Error('typed'), { tags: { area: 'checkout' }, extra: { step: 2 }, componentStack: '\n    at Cart' });
export const version: string = SDK_VERSION;
