import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import { appConfig } from '../shared.mjs';

export default defineConfig(appConfig('vue3-router', { plugins: [vue()] }));
