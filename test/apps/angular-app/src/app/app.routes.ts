import { Routes } from '@angular/router';
import { Home } from './home';
import { About, Shop, Broken } from './pages';

export const routes: Routes = [
  { path: '', component: Home },
  { path: 'about', component: About },
  { path: 'shop', component: Shop },
  { path: 'broken', component: Broken },
];
