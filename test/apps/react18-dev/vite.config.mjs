// React 18 in development mode (no minification, React's development build), where React
// replays a failed render and the error also reaches window's error event.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { appConfig } from '../shared.mjs';

export default defineConfig(
  appConfig('react18-dev', {
    plugins: [react()],
    mode: 'development',
    define: { 'process.env.NODE_ENV': '"development"' },
    build: { minify: false },
    // React from this app's own node_modules (React 18), wherever imported from.
    resolve: { dedupe: ['react', 'react-dom'] },
  }),
);
