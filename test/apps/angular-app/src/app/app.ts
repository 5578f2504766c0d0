import { Component, inject } from '@angular/core';
import { Router, RouterLink, RouterOutlet } from '@angular/router';

@Component({
  selector: 'app-root',
  imports: [RouterLink, RouterOutlet],
  template: `
    <nav>
      <a id="to-home" routerLink="/">home</a>
      <a id="to-about" routerLink="/about">about</a>
      <button id="push-shop" (click)="shop()">shop</button>
      <a id="to-broken" routerLink="/broken">broken</a>
    </nav>
    <router-outlet />
  `,
})
export class App {
  private router = inject(Router);
  shop(): void {
    this.router.navigate(['/shop']);
  }
}
