'use client';
// Reads the visitor's saved theme while the module evaluates, as apps often do. A corrupt saved
// value throws right there: the module fails before any of the layout's components render.
import { useEffect } from 'react';

const saved = typeof localStorage == 'undefined' ? null : localStorage.getItem('theme');
const theme = saved ? JSON.parse(saved).name : 'light';

export function SavedTheme() {
  useEffect(() => void (document.documentElement.dataset.theme = theme), []);
  return null;
}
