import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { appConfig } from '../shared.mjs';

export default defineConfig(appConfig('react19-router', { plugins: [react()] }));
